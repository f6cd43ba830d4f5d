package io.devsanctum.common.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.eventbus.ReplyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class TextAndNumberRulesTest {

  @Test
  void singleLineTextRefusesNulControlCharactersAndLineBreaksNamingTheField() {
    assertThat(TextRules.singleLine("name", "Alice Liddell", 64)).isEqualTo("Alice Liddell");
    assertThat(TextRules.singleLine("name", null, 64)).isNull();
    for (String bad : new String[] {"a\u0000b", "a\nb", "a\rb", "a\tb", "a\u001bb", "a\u007fb", "a\u0085b"}) {
      assertRefused(() -> TextRules.singleLine("displayName", bad, 64), "displayName: must not contain control characters");
    }
    assertRefused(() -> TextRules.singleLine("name", "x".repeat(65), 64), "name: at most 64 characters");
  }

  @Test
  void multiLineTextKeepsTabsAndLineBreaksButRefusesOtherControlCharacters() {
    assertThat(TextRules.multiLine("description", "line 1\r\n\tline 2", 64)).isEqualTo("line 1\r\n\tline 2");
    assertRefused(() -> TextRules.multiLine("description", "a\u0000b", 64), "description: must not contain control");
    assertRefused(() -> TextRules.multiLine("description", "a\u000bb", 64), "description: must not contain control");
  }

  @Test
  void wholeNumbersMustBeWholeAndInRangeInsteadOfWrappingAround() {
    assertThat(NumberRules.wholeNumber("limit", 5, 0, 10)).isEqualTo(5);
    assertThat(NumberRules.wholeNumber("limit", 5.0, 0, 10)).isEqualTo(5);
    assertThat(NumberRules.wholeNumber("limit", null, 0, 10)).isNull();
    assertRefused(() -> NumberRules.wholeNumber("limit", 4294967297L, 0, Integer.MAX_VALUE), "limit: between 0 and");
    assertRefused(() -> NumberRules.wholeNumber("limit", new BigInteger("9".repeat(40)), 0, 10), "limit: between");
    assertRefused(() -> NumberRules.wholeNumber("limit", 1.5, 0, 10), "limit: must be a whole number");
    assertRefused(() -> NumberRules.wholeNumber("limit", new BigDecimal("2.50"), 0, 10), "limit: must be a whole number");
    assertRefused(() -> NumberRules.wholeNumber("limit", Double.POSITIVE_INFINITY, 0, 10), "must be a whole number");
    assertRefused(() -> NumberRules.wholeNumber("limit", "5", 0, 10), "limit: must be a whole number");
  }

  @Test
  void finiteNumbersRefuseInfinityNaNAndHugeValues() {
    assertThat(NumberRules.finite("min", -2.5, 1e15)).isEqualTo(-2.5);
    assertRefused(() -> NumberRules.finite("min", Double.POSITIVE_INFINITY, 1e15), "min: must be a finite number");
    assertRefused(() -> NumberRules.finite("min", Double.NaN, 1e15), "min: must be a finite number");
    assertRefused(() -> NumberRules.finite("min", "Infinity", 1e15), "min: must be a finite number");
    assertRefused(() -> NumberRules.finite("min", 1e300, 1e15), "min: between -1000000000000000 and 1000000000000000");
  }

  private static void assertRefused(Runnable check, String message) {
    assertThatThrownBy(check::run).isInstanceOf(ReplyException.class).hasMessageContaining(message)
        .satisfies(e -> assertThat(ErrorCode.of(e)).isEqualTo(ErrorCode.VALIDATION));
  }
}
