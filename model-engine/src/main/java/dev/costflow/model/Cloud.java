package dev.costflow.model;

import java.util.Locale;

/** The provider a model is priced for. */
public enum Cloud {
  AWS,
  AZURE,
  GCP;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
