package io.github.rela.evaluation.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Tokenizer13aTest {

  /** Inputs that exercise each rule of mteval-v13a; outputs are those of sacreBLEU's regexes. */
  static Stream<Arguments> trickyInputs() {
    return Stream.of(
        Arguments.of("I'm a student.", "I'm a student ."),
        Arguments.of("The price is $3.50, or 1,000 yen.", "The price is $ 3.50 , or 1,000 yen ."),
        Arguments.of("Call 555-1234 now!", "Call 555 - 1234 now !"),
        Arguments.of("well-known e-mail", "well-known e-mail"),
        Arguments.of("A &amp; B &lt;tag&gt; &quot;q&quot;", "A & B < tag > \" q \""),
        Arguments.of("<skipped> text", "text"),
        Arguments.of("line one-\nline two\nthree", "line oneline two three"),
        Arguments.of("Hello,world.Done", "Hello , world . Done"),
        Arguments.of(
            "(parens) [brackets] {braces} a/b", "( parens ) [ brackets ] { braces } a / b"),
        Arguments.of("3.14 and 2,5 and .5 and 5.", "3.14 and 2,5 and . 5 and 5 ."),
        Arguments.of("x\u00a0y\u3000z", "x y z"),
        Arguments.of("naïve café, \uD835\uDD18nicode!", "naïve café , \uD835\uDD18nicode !"),
        Arguments.of("1990-2000", "1990 - 2000"),
        Arguments.of("a.,b", "a . , b"),
        Arguments.of("\"Quoted\" text;", "\" Quoted \" text ;"),
        Arguments.of("5 % of 10@home #tag", "5 % of 10 @ home # tag"),
        Arguments.of("a_b|c~d^e\\f`g", "a _ b | c ~ d ^ e \\ f ` g"),
        Arguments.of("x+y=z*2; q?", "x + y = z * 2 ; q ?"),
        Arguments.of("it's 10:30 & 1/2", "it's 10 : 30 & 1 / 2"),
        Arguments.of("tab\there\u001cfs\u0085nel", "tab here fs nel"),
        Arguments.of("&amp;quot;", "& quot ;"),
        Arguments.of("", ""));
  }

  @ParameterizedTest
  @MethodSource("trickyInputs")
  void shouldTokenizeLikeSacreBleu(String input, String expected) {
    // Given a segment with punctuation, entities, digits or unusual whitespace
    // When it is tokenized
    String tokenized = Tokenizer13a.tokenize(input);
    // Then the result is what sacreBLEU's 13a tokenizer gives
    assertEquals(expected, tokenized);
  }
}
