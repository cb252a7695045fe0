package io.sesfeedback.testing.moto;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A class of its own, run before or after {@link MotoExtensionTest}: the same server. */
@Tag("moto")
@ExtendWith(MotoExtension.class)
class MotoExtensionOtherClassTest {

    @Test
    void anotherClassGetsTheSameServerStartedOnce(MotoServer moto) {
        MotoExtensionTest.received(moto);
    }
}
