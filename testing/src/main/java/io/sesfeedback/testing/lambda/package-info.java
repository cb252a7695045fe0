/** What Lambda hands a handler, for running one in this process: a context, an SNS event. */
package io.sesfeedback.testing.lambda;
