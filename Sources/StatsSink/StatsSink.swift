/// Traffic accounting for telemt: parsing `/metrics`, the delta ledger and the stats store.
public enum StatsSinkModule {}
