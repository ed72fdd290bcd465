package dev.arbiter.verifier.vision.classification;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.fields.Required;
import dev.arbiter.verifier.vision.internal.FieldDocs;
import dev.arbiter.verifier.vision.parse.FormatRule;
import java.util.List;

/** The {@code classification} options and reference as bound by {@code ItemFields}. */
final class ClassificationFields {

  private ClassificationFields() {}

  @JsonClassDescription("classification options")
  record Options(
      @JsonPropertyDescription(
              "exact (normalized), contains (squashed, case-insensitive) or iequals (normalized,"
                  + " case-insensitive)")
          LabelMatch match,
      @JsonPropertyDescription(FieldDocs.FORMAT) FormatRule format) {
    Options {
      match = match == null ? LabelMatch.CONTAINS : match;
      format = format == null ? FormatRule.THINK_ANSWER : format;
    }
  }

  @JsonClassDescription("the gold label")
  record Reference(
      @JsonPropertyDescription("the class name") @Required String label,
      @JsonPropertyDescription("other accepted names") List<String> aliases) {}
}
