package dev.arbiter.verifier.vision.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OverlapTest {

  private static final Box A = new Box(0, 0, 2, 2);
  private static final Box B = new Box(1, 1, 3, 3);

  @Test
  void iou_partialOverlap() {
    // intersection 1, union 4 + 4 - 1 = 7
    assertThat(Overlap.IOU.between(A, B)).isCloseTo(1.0 / 7, within(1e-12));
  }

  @Test
  void giou_partialOverlapSubtractsEmptyPartOfEnclosingBox() {
    // enclosing [0,0,3,3] = 9: 1/7 - (9 - 7)/9 = -5/63
    assertThat(Overlap.GIOU.between(A, B)).isCloseTo(-5.0 / 63, within(1e-12));
  }

  @Test
  void diou_partialOverlapSubtractsCenterDistance() {
    // centers (1,1) and (2,2): rho^2 = 2; enclosing diagonal^2 = 18: 1/7 - 1/9 = 2/63
    assertThat(Overlap.DIOU.between(A, B)).isCloseTo(2.0 / 63, within(1e-12));
  }

  @Test
  void disjointBoxes_iouZeroGiouAndDiouNegative() {
    Box left = new Box(0, 0, 1, 1);
    Box right = new Box(2, 0, 3, 1);
    assertThat(Overlap.IOU.between(left, right)).isZero();
    // enclosing 3, union 2: 0 - 1/3
    assertThat(Overlap.GIOU.between(left, right)).isCloseTo(-1.0 / 3, within(1e-12));
    // rho^2 = 4, diagonal^2 = 9 + 1: -0.4
    assertThat(Overlap.DIOU.between(left, right)).isCloseTo(-0.4, within(1e-12));
  }

  @Test
  void touchingBoxes_haveNoIntersection() {
    assertThat(Overlap.intersection(new Box(0, 0, 1, 1), new Box(1, 0, 2, 1))).isZero();
  }

  @Test
  void identicalBoxes_allMeasuresAreOne() {
    for (Overlap o : Overlap.values()) {
      assertThat(o.between(B, B)).as(o.name()).isEqualTo(1.0);
    }
  }

  @Test
  void concentricContainedBox_allMeasuresEqualIou() {
    Box outer = new Box(0, 0, 4, 4);
    Box inner = new Box(1, 1, 3, 3);
    for (Overlap o : Overlap.values()) {
      assertThat(o.between(outer, inner)).as(o.name()).isCloseTo(0.25, within(1e-12));
    }
  }

  @Test
  void measuresAreSymmetric() {
    for (Overlap o : Overlap.values()) {
      assertThat(o.between(A, B)).isEqualTo(o.between(B, A));
    }
  }

  @Test
  void degenerateBoxes_doNotDivideByZero() {
    Box point = new Box(1, 1, 1, 1);
    for (Overlap o : Overlap.values()) {
      assertThat(o.between(point, point)).as(o.name()).isZero();
    }
    assertThat(Overlap.IOU.between(point, A)).isZero();
  }

  @Test
  void coords_qwen1000ToPixels() {
    Box qwen = new Box(100, 200, 500, 600);
    Box px = Coords.QWEN1000.convert(qwen, Coords.PIXEL, new ImageSize(640, 480));
    assertThat(px.x1()).isCloseTo(64, within(1e-9));
    assertThat(px.y1()).isCloseTo(96, within(1e-9));
    assertThat(px.x2()).isCloseTo(320, within(1e-9));
    assertThat(px.y2()).isCloseTo(288, within(1e-9));
  }

  @Test
  void coords_pixelsToNormalizedAndQwenToNormalizedWithoutSize() {
    Box n =
        Coords.PIXEL.convert(new Box(64, 96, 320, 288), Coords.NORMALIZED, new ImageSize(640, 480));
    assertThat(n.x1()).isCloseTo(0.1, within(1e-12));
    assertThat(n.y2()).isCloseTo(0.6, within(1e-12));
    Box q = Coords.QWEN1000.convert(new Box(100, 200, 500, 600), Coords.NORMALIZED, null);
    assertThat(q.x2()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void coords_commonFrame() {
    ImageSize size = new ImageSize(640, 480);
    assertThat(Coords.common(Coords.PIXEL, Coords.PIXEL, null)).isEqualTo(Coords.PIXEL);
    assertThat(Coords.common(Coords.QWEN1000, Coords.PIXEL, size)).isEqualTo(Coords.PIXEL);
    assertThat(Coords.common(Coords.QWEN1000, Coords.NORMALIZED, null))
        .isEqualTo(Coords.NORMALIZED);
    assertThat(Coords.common(Coords.QWEN1000, Coords.PIXEL, null)).isNull();
  }

  @Test
  void imageSize_refusesNonPositive() {
    assertThatThrownBy(() -> new ImageSize(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ImageSize(Double.NaN, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
