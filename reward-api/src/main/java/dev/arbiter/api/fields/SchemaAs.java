package dev.arbiter.api.fields;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The schema describes this field as {@code value} (e.g. {@code double[].class}, or a record of the
 * canonical shape) where the record keeps the raw value for a scorer's own reader, which accepts
 * more spellings than the canonical one (box keys {@code bbox_2d | Position | box}, bare lists).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface SchemaAs {
  Class<?> value();
}
