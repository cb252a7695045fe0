/**
 * {@code incident}: the report to attach to an AWS support case, as an HTML page with inline SVG
 * charts or as Markdown, from the stored feedback and, on a deployed stack, CloudWatch's reputation
 * metrics.
 */
package io.sesfeedback.tools.incident;
