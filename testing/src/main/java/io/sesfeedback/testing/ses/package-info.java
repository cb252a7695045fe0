/** The SES API v2 calls this project makes that moto does not serve, on loopback. */
package io.sesfeedback.testing.ses;
