package dev.arbiter.model.principle.onnx;

import static dev.arbiter.model.principle.onnx.OnnxProtoWriter.FLOAT;
import static dev.arbiter.model.principle.onnx.OnnxProtoWriter.INT64;
import static dev.arbiter.model.principle.onnx.OnnxProtoWriter.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny sequence-classification reward model directory for tests: a word-level {@code
 * tokenizer.json} ([CLS] text [SEP]), and an ONNX graph embedding tokens (Gather), taking their
 * attention-masked mean (Cast, Unsqueeze, Mul, ReduceSum, Div) and projecting it to two logits
 * (MatMul, Add). Logit 0 rises with "good"/"great" and falls with "bad"/"terrible"; padding never
 * changes a score.
 */
public final class TinyRewardModel {

  public static final List<String> VOCAB =
      List.of(
          "[PAD]",
          "[UNK]",
          "[CLS]",
          "[SEP]",
          "good",
          "great",
          "bad",
          "terrible",
          "the",
          "answer",
          "is",
          "user",
          "assistant",
          "principles",
          ":",
          "-",
          "helpful",
          "honest",
          "harmless",
          "response",
          "a",
          "question",
          "warm",
          "up",
          "word",
          "filler",
          "x",
          "y",
          "z",
          "0",
          "1",
          "2",
          "3",
          "4",
          "5",
          "6",
          "7",
          "8",
          "9");

  static final int HIDDEN = 4;
  static final int LOGITS = 2;

  /** Which variant of the graph to write. */
  public enum Variant {
    /** input_ids + attention_mask. */
    PLAIN,
    /** input_ids + attention_mask + token_type_ids. */
    WITH_TOKEN_TYPES,
    /** an image model's input instead of input_ids: must be refused at start-up. */
    WRONG_INPUTS,
    /** input_ids + attention_mask as int32 (some exporters write them so). */
    INT32_INPUTS
  }

  private TinyRewardModel() {}

  /** Writes model.onnx, tokenizer.json and reward-model.json (with {@code descriptorJson}). */
  public static Path write(Path dir, Variant variant, String descriptorJson) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("model.onnx"), modelBytes(variant));
    Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson());
    if (descriptorJson != null) {
      Files.writeString(dir.resolve(ModelDescriptor.FILE), descriptorJson);
    }
    return dir;
  }

  static byte[] modelBytes(Variant variant) {
    int v = VOCAB.size();
    Random random = new Random(42);
    float[] emb = new float[v * HIDDEN];
    for (int i = 0; i < emb.length; i++) {
      emb[i] = (float) (random.nextGaussian() * 0.1);
    }
    setRow(emb, VOCAB.indexOf("good"), 1.0f);
    setRow(emb, VOCAB.indexOf("great"), 1.5f);
    setRow(emb, VOCAB.indexOf("bad"), -1.0f);
    setRow(emb, VOCAB.indexOf("terrible"), -1.5f);
    float[] w = new float[HIDDEN * LOGITS];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (random.nextGaussian() * 0.5);
    }
    w[0] = 4.0f; // hidden 0 -> logit 0
    float[] bias = {0.1f, -0.2f};
    String ids = variant == Variant.WRONG_INPUTS ? "pixel_values" : "input_ids";

    OnnxProtoWriter g = new OnnxProtoWriter();
    List<OnnxProtoWriter> nodes = new ArrayList<>();
    nodes.add(node("Gather", List.of("E", ids), List.of("emb0")));
    String emb0 = "emb0";
    if (variant == Variant.WITH_TOKEN_TYPES) {
      nodes.add(node("Gather", List.of("T", "token_type_ids"), List.of("temb")));
      nodes.add(node("Add", List.of("emb0", "temb"), List.of("emb1")));
      emb0 = "emb1";
    }
    nodes.add(node("Cast", List.of("attention_mask"), List.of("maskf")).intAttribute("to", FLOAT));
    nodes.add(node("Unsqueeze", List.of("maskf", "axis2"), List.of("mask3")));
    nodes.add(node("Mul", List.of(emb0, "mask3"), List.of("masked")));
    nodes.add(
        node("ReduceSum", List.of("masked", "axis1"), List.of("summed"))
            .intAttribute("keepdims", 0));
    nodes.add(
        node("ReduceSum", List.of("mask3", "axis1"), List.of("count")).intAttribute("keepdims", 0));
    nodes.add(node("Div", List.of("summed", "count"), List.of("mean")));
    nodes.add(node("MatMul", List.of("mean", "W"), List.of("mm")));
    nodes.add(node("Add", List.of("mm", "bias"), List.of("logits")));
    nodes.forEach(n -> g.message(1, n));
    g.string(2, "tiny-reward-model");
    g.message(5, OnnxProtoWriter.floatTensor("E", new long[] {v, HIDDEN}, emb));
    g.message(5, OnnxProtoWriter.floatTensor("W", new long[] {HIDDEN, LOGITS}, w));
    g.message(5, OnnxProtoWriter.floatTensor("bias", new long[] {LOGITS}, bias));
    g.message(5, OnnxProtoWriter.int64Tensor("axis1", new long[] {1}, new long[] {1}));
    g.message(5, OnnxProtoWriter.int64Tensor("axis2", new long[] {1}, new long[] {2}));
    if (variant == Variant.WITH_TOKEN_TYPES) {
      float[] types = new float[2 * HIDDEN];
      types[HIDDEN] = 0.5f; // type 1 shifts hidden 0
      g.message(5, OnnxProtoWriter.floatTensor("T", new long[] {2, HIDDEN}, types));
    }
    List<Object> bl = List.of("batch", "length");
    int idType = variant == Variant.INT32_INPUTS ? OnnxProtoWriter.INT32 : INT64;
    g.message(11, OnnxProtoWriter.valueInfo(ids, idType, bl));
    g.message(11, OnnxProtoWriter.valueInfo("attention_mask", idType, bl));
    if (variant == Variant.WITH_TOKEN_TYPES) {
      g.message(11, OnnxProtoWriter.valueInfo("token_type_ids", INT64, bl));
    }
    g.message(12, OnnxProtoWriter.valueInfo("logits", FLOAT, List.of("batch", (long) LOGITS)));
    return OnnxProtoWriter.model(g, 13).bytes();
  }

  private static void setRow(float[] emb, int row, float v) {
    emb[row * HIDDEN] = v;
  }

  /** A word-level tokenizer over {@link #VOCAB}, lower-casing, adding [CLS] and [SEP]. */
  public static String tokenizerJson() {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (int i = 0; i < VOCAB.size(); i++) {
      vocab.put(VOCAB.get(i), i);
    }
    StringBuilder added = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      if (i > 0) {
        added.append(',');
      }
      added.append(
          String.format(
              "{\"id\":%d,\"content\":\"%s\",\"single_word\":false,\"lstrip\":false,"
                  + "\"rstrip\":false,\"normalized\":false,\"special\":true}",
              i, VOCAB.get(i)));
    }
    StringBuilder v = new StringBuilder();
    vocab.forEach(
        (k, id) -> v.append(v.isEmpty() ? "" : ",").append('"').append(k).append("\":").append(id));
    return """
        {"version":"1.0","truncation":null,"padding":null,
         "added_tokens":[%s],
         "normalizer":{"type":"Lowercase"},
         "pre_tokenizer":{"type":"Whitespace"},
         "post_processor":{"type":"TemplateProcessing",
           "single":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},
                     {"SpecialToken":{"id":"[SEP]","type_id":0}}],
           "pair":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},
                   {"SpecialToken":{"id":"[SEP]","type_id":0}},{"Sequence":{"id":"B","type_id":1}},
                   {"SpecialToken":{"id":"[SEP]","type_id":1}}],
           "special_tokens":{"[CLS]":{"id":"[CLS]","ids":[2],"tokens":["[CLS]"]},
                             "[SEP]":{"id":"[SEP]","ids":[3],"tokens":["[SEP]"]}}},
         "decoder":null,
         "model":{"type":"WordLevel","vocab":{%s},"unk_token":"[UNK]"}}
        """
        .formatted(added, v);
  }
}
