package dev.arbiter.verifier.code.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How assert snippets split into value probes (no sandbox). */
class AssertPlansTest {

  private static Value parse(String wire) {
    return Records.value(wire);
  }

  private static Probe only(AssertPlan p) {
    assertThat(p.values()).as("%s", p).isTrue();
    assertThat(p.probes()).hasSize(1);
    return p.probes().get(0);
  }

  @Test
  void plan_pythonEqualityKeepsTheExpectedSideInJava() {
    Probe p = only(PythonAsserts.plan("assert add(2, 3) == 5, 'msg'"));
    assertThat(p.expression()).isEqualTo("add(2, 3)");
    assertThat(p.check()).isEqualTo(Check.of(Check.Op.EQ, new Value.Int(BigInteger.valueOf(5))));
    Probe flipped = only(PythonAsserts.plan("assert [1, (2, 'a\\n'), (3,)] == f(x)"));
    assertThat(flipped.expression()).isEqualTo("f(x)");
    assertThat(flipped.check().holds(parse("L3;h1;P2;h2;s610a;P1;h3;"))).isTrue();
    assertThat(only(PythonAsserts.plan("assert f() == 'and'")).check().op()).isEqualTo(Check.Op.EQ);
  }

  @Test
  void plan_pythonHumanEvalCheckBodyBindsTheEntryPoint() {
    AssertPlan p =
        PythonAsserts.plan(
            "import math\nMETADATA = {'author': 'jt'}\n\ndef check(candidate):\n"
                + "    '''doc'''\n    assert candidate(2, 3) == 5\n"
                + "    assert abs(candidate(0.5, 0.25) - 0.75) < 1e-9\n"
                + "    assert math.isclose(candidate(1, 1), 2.0, rel_tol=1e-6)\n"
                + "    assert candidate(0, 0) is not None\n    assert not candidate(0, 0)\n"
                + "\ncheck(add)\n");
    assertThat(p.values()).isTrue();
    assertThat(p.alias()).isEqualTo("candidate=add");
    assertThat(p.setup()).isEqualTo("import math\n");
    assertThat(p.probes())
        .extracting(x -> x.check().op())
        .containsExactly(Check.Op.EQ, Check.Op.WITHIN, Check.Op.CLOSE, Check.Op.NE, Check.Op.FALSY);
    assertThat(p.probes().get(1).expression()).isEqualTo("candidate(0.5, 0.25)");
  }

  @Test
  void plan_otherPythonShapesRunInProcess() {
    for (String s :
        List.of(
            "for x in range(3):\n    assert f(x) == x",
            "assert f(1) == g(2)",
            "assert f(1) == 2 and f(2) == 3",
            "assert 1 < f(1) < 3",
            "assert f(1) in [1, 2]",
            "def check(candidate):\n    assert candidate(1) == 1\n",
            "x = f(1)\nassert x == 1")) {
      assertThat(PythonAsserts.plan(s).values()).as(s).isFalse();
      assertThat(PythonAsserts.plan(s).inProcess()).isEqualTo(s);
    }
  }

  @Test
  void plan_pythonLiterals() {
    assertThat(
            only(PythonAsserts.plan("assert f() == {1: 'a', 'b': [None, -2.5]}"))
                .check()
                .holds(parse("D2;h1;s61;s62;L2;Nd-2.5;")))
        .isTrue();
    assertThat(
            only(PythonAsserts.plan("assert f() == set([3, 1])")).check().holds(parse("S2;h1;h3;")))
        .isTrue();
    assertThat(only(PythonAsserts.plan("assert f() == b'\\x00a'")).check().holds(parse("y0061;")))
        .isTrue();
    assertThat(only(PythonAsserts.plan("assert f() == 0x10_0")).check().holds(parse("h100;")))
        .isTrue();
    assertThat(
            only(PythonAsserts.plan("assert f() == pytest.approx(0.3)"))
                .check()
                .holds(parse("d0.30000000000000004;")))
        .isTrue();
  }

  @Test
  void holds_typeStrictPythonEquality() {
    Check one = Check.of(Check.Op.EQ, new Value.Int(BigInteger.ONE));
    assertThat(one.holds(parse("h1;"))).isTrue();
    assertThat(one.holds(parse("d1.0;"))).as("1 == 1.0 as in Python").isTrue();
    assertThat(one.holds(parse("T"))).as("a bool is not a number").isFalse();
    assertThat(one.holds(parse("X"))).isFalse();
    assertThat(Check.of(Check.Op.NE, new Value.Int(BigInteger.ONE)).holds(parse("X")))
        .as("an opaque value satisfies nothing, not even !=")
        .isFalse();
    Check nan = Check.of(Check.Op.EQ, new Value.Flt(Double.NaN));
    assertThat(nan.holds(parse("dnan;"))).as("NaN equals nothing").isFalse();
    Check list =
        Check.of(Check.Op.EQ, new Value.Seq(false, List.of(new Value.Int(BigInteger.TWO))));
    assertThat(list.holds(parse("P1;h2;"))).as("a tuple is not a list").isFalse();
    assertThat(list.holds(parse("L1;X"))).isFalse();
    assertThat(Check.of(Check.Op.TRUTHY, null).holds(parse("L0;"))).isFalse();
    assertThat(Check.of(Check.Op.JS_TRUTHY, null).holds(parse("L0;"))).isTrue();
  }

  @Test
  void plan_javascriptForms() {
    assertThat(only(JsAsserts.plan("assert.strictEqual(add(2, 3), 5);")).check().op())
        .isEqualTo(Check.Op.EQ);
    Probe loose = only(JsAsserts.plan("assert.deepEqual(f(), ['5', {a: null}])"));
    assertThat(loose.check().holds(parse("L2;d5;D1;s61;U"))).isTrue();
    assertThat(only(JsAsserts.plan("console.assert(f(1) === 2)")).expression()).isEqualTo("f(1)");
    AssertPlan multiPl =
        JsAsserts.plan(
            "const assert = require('node:assert');\n\nfunction test() {\n  let candidate = add;\n"
                + "  assert.deepEqual(candidate(1, 2), 3);\n  assert.deepEqual(candidate(0, 0), 0);\n"
                + "}\n\ntest();\n");
    assertThat(multiPl.values()).isTrue();
    assertThat(multiPl.alias()).isEqualTo("candidate=add");
    assertThat(multiPl.probes()).hasSize(2);
    assertThat(multiPl.setup()).contains("require('node:assert')");
    assertThat(JsAsserts.plan("for (const x of [1]) assert.strictEqual(f(x), x);").values())
        .isFalse();
  }

  @Test
  void plan_cppForms() {
    Probe p = only(CppAsserts.plan("assert(twice(2) == std::vector<long>({(long)1, 2}));"));
    assertThat(p.expression()).isEqualTo("twice(2)");
    assertThat(p.check().holds(parse("L2;i1;i2;"))).isTrue();
    assertThat(only(CppAsserts.plan("assert(f('a') == 'b');")).check().holds(parse("i98;")))
        .isTrue();
    AssertPlan main =
        CppAsserts.plan(
            "int main() {\n    auto candidate = add;\n    assert(candidate((1), (2)) == (3));\n}\n");
    assertThat(main.alias()).isEqualTo("candidate=add");
    assertThat(main.probes()).hasSize(1);
    AssertPlan loop = CppAsserts.plan("for (int i = 0; i < 3; i++) assert(f(i) == g(i));");
    assertThat(loop.values()).isFalse();
    assertThat(loop.inProcess()).contains("__ARBITER_CHECK(f(i) == g(i))").doesNotContain("assert");
  }

  @Test
  void definedMacros_seesDigraphsContinuationsAndSpaces() {
    assertThat(
            AssertSuite.definedMacros(
                "#define A 1\n  #  define B\n%:define C\n#def\\\nine D\n/* #define E */ int x;\n"))
        .containsExactly("A", "B", "C", "D");
  }

  @Test
  void plan_bashFormsAndRefusal() {
    AssertPlan p =
        BashAsserts.plan(
            "[ \"$(add 2 3)\" = \"5\" ] && [[ $(add 1 1) == 2 ]]\ntest \"$(f)\" != x || exit 1\n"
                + "[ \"$(add 10 5)\" -eq 15 ]");
    assertThat(p.probes())
        .extracting(Probe::expression)
        .containsExactly("add 2 3", "add 1 1", "f", "add 10 5");
    assertThat(p.probes().get(3).check().holds(new Value.Str(" 15"))).isTrue();
    assertThatThrownBy(() -> BashAsserts.plan("if [ \"$(f)\" = 1 ]; then exit 0; fi"))
        .hasMessageContaining("bash assert tests must be");
    assertThatThrownBy(() -> BashAsserts.plan("[[ $(f) == a* ]]")).hasMessageContaining("constant");
  }

  @Test
  void read_recordsNeedTheNonceAndCountOnce() {
    String out =
        "noise\n__arbiter_rec_t n0 0 h5;\n__arbiter_rec_t forged 1 h3;\n__arbiter_rec_t n0 1 h4;\n"
            + "__arbiter_rec_t n0 1 h3;\n__arbiter_rec_t n0 2 s0;\n__arbiter_rec_t n0 ok\n";
    Records.Read r = Records.read(out, "__arbiter_rec_t", "n0");
    assertThat(r.values()).containsOnlyKeys(0, 2);
    assertThat(r.values().get(2)).isInstanceOf(Value.Opaque.class);
    assertThat(r.conflicts()).containsExactly(1);
    assertThat(r.ok()).isEqualTo(1);
  }

  @Test
  void stdin_carriesNonceModeAndFramedTests() {
    AssertSuite s =
        AssertSuite.prepare(
            "python",
            TestSpecParser.parse(
                Map.of("assert", List.of("assert f('é') == 1", "for x in []: pass"))),
            "ab");
    assertThat(s.stdin(0, "n0")).isEqualTo("n0\nv\n0:0:7:f('é')");
    assertThat(s.stdin(1, "n0")).isEqualTo("n0\nf\n0:0:17:for x in []: pass");
    assertThat(s.valueTests()).isEqualTo(1);
  }

  @Test
  void command_nodePermissionModelOnlyWhereNodeHasIt() {
    AssertSuite js =
        AssertSuite.prepare(
            "javascript",
            TestSpecParser.parse(Map.of("assert", List.of("assert.strictEqual(f(), 1)"))),
            "ab");
    List<String> base = List.of("/usr/bin/node", "--stack-size=8192", "/box/main.js");
    assertThat(js.command(base, "v20.20.2"))
        .containsSubsequence("/usr/bin/node", "--experimental-permission", "/box/main.js");
    assertThat(js.command(base, "v18.19.0")).isEqualTo(base);
    assertThat(js.command(base, null)).isEqualTo(base);
  }
}
