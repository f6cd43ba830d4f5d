package io.devsanctum.common.bus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A contract method whose repetition changes nothing (a read, or a set-to-a-value): its client may
 * send it again to another instance when the first gives no answer in time.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {
}
