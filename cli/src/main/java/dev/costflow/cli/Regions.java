package dev.costflow.cli;

/** Checks region names given on the command line. */
final class Regions {
  private Regions() {}

  static String check(String region) {
    if (region == null || !region.matches("^[a-z]{2}(-[a-z]+)+-[0-9]+$")) {
      throw new UserException("--region: '" + region + "' is not an AWS region name (e.g. us-east-1)");
    }
    return region;
  }
}
