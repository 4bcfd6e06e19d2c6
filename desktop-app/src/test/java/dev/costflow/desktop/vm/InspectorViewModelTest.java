package dev.costflow.desktop.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.services.ServiceKind;
import dev.costflow.services.ServiceKinds;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectorViewModelTest {
  @Test
  void choicesAreReadFromTheKeysHelp() {
    assertThat(InspectorViewModel.choicesOf("standard (default) or express")).containsExactly("standard", "express");
    assertThat(InspectorViewModel.choicesOf("on_demand (default) or provisioned")).containsExactly("on_demand", "provisioned");
    assertThat(InspectorViewModel.choicesOf("service: peak (default: the busiest hour's tasks all period) or hourly (each hour its own)")).containsExactly("peak", "hourly");
    assertThat(InspectorViewModel.choicesOf("who puts the events: custom (default, PutEvents), partner (SaaS) or aws (AWS service events, free)"))
        .containsExactly("custom", "partner", "aws");
    assertThat(InspectorViewModel.choicesOf("vCPU per task: 0.25, 0.5, 1, 2, 4, 8 or 16 (default 1)")).isEmpty();
    assertThat(InspectorViewModel.choicesOf("stored data in GB (default 0)")).isEmpty();
  }

  @Test
  void everyKindsChoicesAreValidValues() {
    // a choice the reader would reject would be a trap in the inspector
    for (ServiceKind k : ServiceKinds.all()) {
      k.keys().forEach((key, help) -> {
        List<String> choices = InspectorViewModel.choicesOf(help);
        for (String c : choices) {
          String yaml = "services:\n  s:\n    type: " + k.type() + "\n    " + key + ": " + c + "\n";
          try {
            dev.costflow.testing.TestModels.parse(cloudFor(k) + yaml);
          } catch (dev.costflow.model.ModelException e) {
            boolean aboutKey = e.diagnostics().stream().anyMatch(d -> d.message().startsWith("services.s." + key + ": unknown value"));
            assertThat(aboutKey).as(k.type() + "." + key + " = " + c + ": " + e.getMessage()).isFalse();
          }
        }
      });
    }
  }

  private static String cloudFor(ServiceKind k) {
    return "cloud: " + k.cloud().id() + "\n";
  }
}
