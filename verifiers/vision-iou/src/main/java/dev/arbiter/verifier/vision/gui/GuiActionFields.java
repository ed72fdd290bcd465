package dev.arbiter.verifier.vision.gui;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.fields.Range;
import dev.arbiter.api.fields.Required;
import dev.arbiter.api.fields.SchemaAs;
import dev.arbiter.api.fields.Size;
import dev.arbiter.verifier.vision.geometry.Coords;
import dev.arbiter.verifier.vision.geometry.ImageSize;
import dev.arbiter.verifier.vision.internal.FieldDocs;
import dev.arbiter.verifier.vision.parse.FormatRule;

/** The {@code gui-action} options and reference as bound by {@code ItemFields}. */
final class GuiActionFields {

  private GuiActionFields() {}

  @JsonClassDescription("gui-action options")
  record Options(
      @JsonPropertyDescription(
              "a click within this distance of the target point hits (fraction of the screen, per"
                  + " axis normalized)")
          @Range(min = 0, max = 2)
          Double radius,
      @JsonPropertyDescription("largest location score of a miss") @Range(min = 0, max = 1)
          Double bonusScale,
      @JsonPropertyDescription("distance beyond the radius at which a miss scores 0")
          @Range(min = 1e-9, max = 2)
          Double falloff,
      @JsonPropertyDescription(FieldDocs.COORDS_OF + "the predicted point or box") Coords coords,
      @JsonPropertyDescription(FieldDocs.IMAGE_SIZE)
          @SchemaAs(double[].class)
          @Size(min = 2, max = 2)
          ImageSize imageSize,
      @JsonPropertyDescription(FieldDocs.FORMAT) FormatRule format) {
    Options {
      radius = radius == null ? 0.14 : radius;
      bonusScale = bonusScale == null ? 0.5 : bonusScale;
      falloff = falloff == null ? 0.5 : falloff;
      coords = coords == null ? Coords.PIXEL : coords;
      format = format == null ? FormatRule.THINK_ANSWER : format;
    }
  }

  /**
   * The gold action. Its action, box, point, text and direction are read by the same action reader
   * as answers (so both accept the same spellings: {@code action_type}, {@code coordinate}, {@code
   * bbox_2d}, ...); this record checks their JSON types and carries {@code image_size} and {@code
   * coords}.
   */
  @JsonClassDescription("the gold action")
  record Reference(
      @JsonPropertyDescription("action type, e.g. click, long_press, type, scroll, back")
          @JsonAlias("action_type")
          @Required
          String action,
      @JsonPropertyDescription("target element [x1, y1, x2, y2]")
          @SchemaAs(double[].class)
          @Size(min = 4, max = 4)
          Object box,
      @JsonPropertyDescription("target point [x, y] (default: the box center)")
          @JsonAlias({"coordinate", "click"})
          @SchemaAs(double[].class)
          @Size(min = 2, max = 2)
          Object point,
      @JsonPropertyDescription("text to type") @JsonAlias("content") String text,
      @JsonPropertyDescription("scroll/swipe direction") String direction,
      @JsonPropertyDescription(FieldDocs.IMAGE_SIZE)
          @SchemaAs(double[].class)
          @Size(min = 2, max = 2)
          ImageSize imageSize,
      @JsonPropertyDescription(FieldDocs.COORDS_OF + "the reference box and point") Coords coords) {
    Reference {
      coords = coords == null ? Coords.PIXEL : coords;
    }
  }
}
