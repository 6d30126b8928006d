package dev.vigil.accounts.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** GuardDuty's tiered log prices (N. Virginia): first 500 GB $1.00, next 2,000 GB $0.50, above 2,500 GB $0.25. */
class TieredCostTest {

    static final List<Double> LIMITS = List.of(500.0, 2500.0);
    static final List<Double> PRICES = List.of(1.00, 0.50, 0.25);

    static double cost(double gb) {
        return UsageService.tieredCost(gb, LIMITS, PRICES);
    }

    @Test
    void eachTier() {
        assertThat(cost(0)).isZero();
        assertThat(cost(100)).isCloseTo(100.0, within(1e-9));
        assertThat(cost(500)).isCloseTo(500.0, within(1e-9));
        assertThat(cost(600)).isCloseTo(550.0, within(1e-9));
        assertThat(cost(2500)).isCloseTo(1500.0, within(1e-9));
        assertThat(cost(3500)).isCloseTo(1750.0, within(1e-9));
    }

    @Test
    void flatPriceWithoutLimits() {
        assertThat(UsageService.tieredCost(10, List.of(), List.of(0.8))).isCloseTo(8.0, within(1e-9));
    }
}
