package dev.arbiter.verifier.rules;

import dev.arbiter.model.judge.JudgeClientSettings;
import dev.arbiter.model.judge.OpenAiJudgeClient;
import dev.arbiter.verifier.rules.critique.CritiqueScorer;
import dev.arbiter.verifier.rules.shaping.FormatScorer;
import dev.arbiter.verifier.rules.shaping.LengthScorer;
import dev.arbiter.verifier.rules.shaping.ReasoningStepsScorer;
import dev.arbiter.verifier.rules.shaping.RepetitionScorer;
import dev.arbiter.verifier.rules.tool.ToolCallScorer;
import dev.arbiter.verifier.rules.truth.LlmAnswerJudge;
import dev.arbiter.verifier.rules.truth.TruthfulnessScorer;
import dev.arbiter.verifier.rules.web.WebActionScorer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the rules scorers wherever this module is on the classpath: in its own service and in
 * the one-process suite.
 */
@AutoConfiguration
@EnableConfigurationProperties(RulesProperties.class)
public class RulesScorersAutoConfiguration {

  @Bean
  TruthfulnessScorer truthfulnessScorer(RulesProperties props) {
    RulesProperties.Judge j = props.judge();
    LlmAnswerJudge judge = null;
    if (j.enabled()) {
      JudgeClientSettings settings =
          JudgeClientSettings.of(j.baseUrl(), j.model())
              .withApiKey(j.apiKey())
              .withTimeout(j.timeout());
      judge = new LlmAnswerJudge(new OpenAiJudgeClient(settings));
    }
    return new TruthfulnessScorer(props.maxResponseChars(), judge);
  }

  @Bean
  ToolCallScorer toolCallScorer(RulesProperties props) {
    return new ToolCallScorer(props.maxResponseChars());
  }

  @Bean
  WebActionScorer webActionScorer(RulesProperties props) {
    return new WebActionScorer(props.maxResponseChars());
  }

  @Bean
  CritiqueScorer critiqueScorer(RulesProperties props) {
    return new CritiqueScorer(props.maxResponseChars());
  }

  @Bean
  FormatScorer formatScorer(RulesProperties props) {
    return new FormatScorer(props.maxResponseChars());
  }

  @Bean
  LengthScorer lengthScorer() {
    return new LengthScorer();
  }

  @Bean
  RepetitionScorer repetitionScorer(RulesProperties props) {
    return new RepetitionScorer(props.maxResponseChars());
  }

  @Bean
  ReasoningStepsScorer reasoningStepsScorer(RulesProperties props) {
    return new ReasoningStepsScorer(props.maxResponseChars());
  }
}
