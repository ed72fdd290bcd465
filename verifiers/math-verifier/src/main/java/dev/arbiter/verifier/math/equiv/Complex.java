package dev.arbiter.verifier.math.equiv;

/** A double-precision complex number; enough for numeric identity tests. */
record Complex(double re, double im) {

  static final Complex ZERO = new Complex(0, 0);
  static final Complex ONE = new Complex(1, 0);
  static final Complex I = new Complex(0, 1);

  static Complex real(double re) {
    return new Complex(re, 0);
  }

  Complex add(Complex o) {
    return new Complex(re + o.re, im + o.im);
  }

  Complex sub(Complex o) {
    return new Complex(re - o.re, im - o.im);
  }

  Complex mul(Complex o) {
    return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
  }

  Complex div(Complex o) {
    double d = o.re * o.re + o.im * o.im;
    return new Complex((re * o.re + im * o.im) / d, (im * o.re - re * o.im) / d);
  }

  Complex negate() {
    return new Complex(-re, -im);
  }

  double abs() {
    return Math.hypot(re, im);
  }

  boolean isReal() {
    return Math.abs(im) <= 1e-12 * Math.max(1, Math.abs(re));
  }

  boolean isFinite() {
    return Double.isFinite(re) && Double.isFinite(im);
  }

  Complex log() {
    return new Complex(Math.log(abs()), Math.atan2(im, re));
  }

  Complex exp() {
    double m = Math.exp(re);
    return new Complex(m * Math.cos(im), m * Math.sin(im));
  }

  Complex pow(Complex e) {
    if (re == 0 && im == 0) {
      return e.re > 0 ? ZERO : new Complex(Double.NaN, Double.NaN);
    }
    if (isReal() && re > 0 && e.isReal()) {
      return real(Math.pow(re, e.re));
    }
    if (e.isReal() && e.re == Math.rint(e.re) && Math.abs(e.re) <= 64) {
      Complex acc = ONE;
      Complex base = e.re < 0 ? ONE.div(this) : this;
      for (int k = 0; k < (int) Math.abs(e.re); k++) {
        acc = acc.mul(base);
      }
      return acc;
    }
    return e.mul(log()).exp();
  }

  Complex sin() {
    return new Complex(Math.sin(re) * Math.cosh(im), Math.cos(re) * Math.sinh(im));
  }

  Complex cos() {
    return new Complex(Math.cos(re) * Math.cosh(im), -Math.sin(re) * Math.sinh(im));
  }
}
