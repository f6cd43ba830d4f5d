package io.devsanctum.common.bus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A contract method answered while a person waits: its client gives up after {@code seconds} even
 * when its own timeout is longer (one made for slow Docker work, say).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WaitAtMost {
  int seconds();
}
