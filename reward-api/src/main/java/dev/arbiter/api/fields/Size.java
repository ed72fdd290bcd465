package dev.arbiter.api.fields;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A list field has between {@code min} and {@code max} elements, checked by {@link ItemFields}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Size {
  int min() default 0;

  int max() default Integer.MAX_VALUE;
}
