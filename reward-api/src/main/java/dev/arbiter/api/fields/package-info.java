/**
 * Scorer-specific {@code options} and {@code reference} maps as records: {@link ItemFields} binds a
 * map onto a record with Jackson (or, for a record of plain components and values Jackson would
 * bind alike, directly: {@code DirectRecordBinder}) and turns every failure into the item's {@code
 * invalid_request} or {@code invalid_reference} result naming the field; {@link RecordSchemas}
 * generates the JSON Schema that {@code GET /v1/scorers} publishes from the same record, so the two
 * cannot drift.
 *
 * <p>Record conventions: components are boxed ({@code Double}, not {@code double}) and the compact
 * constructor puts the default in place of null, so the record bound from an empty map holds the
 * defaults (and the schema shows them); {@link Range}, {@link Size} and {@link Required} state the
 * checks; {@code @JsonPropertyDescription} / {@code @JsonClassDescription} the descriptions; a
 * compact constructor may refuse a value with an {@link IllegalArgumentException} whose message
 * starts with the field's wire name ({@code "image_size must be two positive numbers"}).
 */
package dev.arbiter.api.fields;
