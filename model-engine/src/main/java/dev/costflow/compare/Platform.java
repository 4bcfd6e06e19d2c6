package dev.costflow.compare;

import java.util.Locale;

/** What the functions of a model are compared with. */
public enum Platform {
  /** AWS Fargate tasks (Amazon ECS). */
  FARGATE("aws.fargate", "task"),
  /** Amazon EC2 instances. */
  EC2("aws.ec2", "instance");

  private final String type;
  private final String unit;

  Platform(String type, String unit) {
    this.type = type;
    this.unit = unit;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The service type that replaces each function. */
  public String type() {
    return type;
  }

  /** What one unit of capacity is called: task or instance. */
  public String unit() {
    return unit;
  }
}
