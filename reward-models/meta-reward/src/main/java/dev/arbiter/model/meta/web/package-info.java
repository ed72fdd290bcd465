/**
 * The rubric API: list, show, diff, edit, roll back, refine and status, under {@code /v1/rubrics}.
 */
package dev.arbiter.model.meta.web;
