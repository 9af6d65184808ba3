package com.aifinance.institutional.model;

import com.aifinance.institutional.marketdata.AssetClass;
import com.aifinance.institutional.marketdata.Instrument;

/**
 * What one model serves: an asset class, on real or on simulated data. Real and simulated instruments never share a
 * model, a backtest or an accuracy figure.
 */
public record ModelFamily(AssetClass assetClass, boolean simulated) {

    public static ModelFamily of(Instrument instrument) {
        return new ModelFamily(instrument.assetClass(), instrument.simulated());
    }

    public String key() {
        return assetClass.code() + "-" + (simulated ? "sim" : "real");
    }

    public boolean includes(Instrument instrument) {
        return instrument.assetClass() == assetClass && instrument.simulated() == simulated;
    }
}
