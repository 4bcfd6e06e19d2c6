package dev.costflow.traffic;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/** The time zone a region's users most likely live in, for shaping traffic by local hour. */
public final class Zones {
  private static final Map<String, String> BY_REGION =
      Map.ofEntries(
          Map.entry("us-east-1", "America/New_York"),
          Map.entry("us-east-2", "America/New_York"),
          Map.entry("us-west-1", "America/Los_Angeles"),
          Map.entry("us-west-2", "America/Los_Angeles"),
          Map.entry("ca-central-1", "America/Toronto"),
          Map.entry("ca-west-1", "America/Edmonton"),
          Map.entry("mx-central-1", "America/Mexico_City"),
          Map.entry("sa-east-1", "America/Sao_Paulo"),
          Map.entry("eu-west-1", "Europe/Dublin"),
          Map.entry("eu-west-2", "Europe/London"),
          Map.entry("eu-west-3", "Europe/Paris"),
          Map.entry("eu-central-1", "Europe/Berlin"),
          Map.entry("eu-central-2", "Europe/Zurich"),
          Map.entry("eu-north-1", "Europe/Stockholm"),
          Map.entry("eu-south-1", "Europe/Rome"),
          Map.entry("eu-south-2", "Europe/Madrid"),
          Map.entry("il-central-1", "Asia/Jerusalem"),
          Map.entry("me-south-1", "Asia/Bahrain"),
          Map.entry("me-central-1", "Asia/Dubai"),
          Map.entry("af-south-1", "Africa/Johannesburg"),
          Map.entry("ap-east-1", "Asia/Hong_Kong"),
          Map.entry("ap-east-2", "Asia/Taipei"),
          Map.entry("ap-south-1", "Asia/Kolkata"),
          Map.entry("ap-south-2", "Asia/Kolkata"),
          Map.entry("ap-northeast-1", "Asia/Tokyo"),
          Map.entry("ap-northeast-2", "Asia/Seoul"),
          Map.entry("ap-northeast-3", "Asia/Tokyo"),
          Map.entry("ap-southeast-1", "Asia/Singapore"),
          Map.entry("ap-southeast-2", "Australia/Sydney"),
          Map.entry("ap-southeast-3", "Asia/Jakarta"),
          Map.entry("ap-southeast-4", "Australia/Melbourne"),
          Map.entry("ap-southeast-5", "Asia/Kuala_Lumpur"),
          Map.entry("ap-southeast-7", "Asia/Bangkok"),
          Map.entry("eastus", "America/New_York"),
          Map.entry("eastus2", "America/New_York"),
          Map.entry("westus", "America/Los_Angeles"),
          Map.entry("westus2", "America/Los_Angeles"),
          Map.entry("westeurope", "Europe/Amsterdam"),
          Map.entry("northeurope", "Europe/Dublin"),
          Map.entry("us-central1", "America/Chicago"),
          Map.entry("us-east1", "America/New_York"),
          Map.entry("us-west1", "America/Los_Angeles"),
          Map.entry("europe-west1", "Europe/Brussels"),
          Map.entry("europe-west3", "Europe/Berlin"),
          Map.entry("asia-northeast1", "Asia/Tokyo"));

  private Zones() {}

  /** The default zone for a region; UTC where none is known. */
  public static ZoneId forRegion(String region) {
    String z = BY_REGION.get(region);
    return z == null ? ZoneOffset.UTC : ZoneId.of(z);
  }
}
