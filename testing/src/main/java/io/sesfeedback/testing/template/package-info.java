/**
 * template.yaml as CloudFormation reads it: its conditions, the table it declares (created on moto
 * at an index migration step), and the SAM translator's output.
 */
package io.sesfeedback.testing.template;
