/// The reconcile loop: git source, observed state, plan, apply and status.
public enum ReconcilerModule {}
