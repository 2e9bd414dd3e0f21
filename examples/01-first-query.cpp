// 01 — the first query: build a registry in a few lines, ask one question, read the answer.
#include <compliance/compliance.hpp>

#include <iostream>

int main() {
  compliance::registry_builder b;
  b.vendor("acme").name("Acme Cloud, Inc.").certificate("iso27001").issuer("Example Certification Body")
      .issued("2024-01-10").expires("2027-01-09");
  b.vendor("acme").report("soc2").period("2024-01-01", "2024-12-31").criteria({"security", "availability"});
  const compliance::registry reg = b.build();

  // Requirements are parsed once and reused (Q3); the date is always given (G1).
  const auto iso = reg.parse("iso27001");
  const auto on = compliance::date_from_string("2025-06-01");
  const compliance::verdict v = reg.check("acme", iso, on);

  std::cout << "acme iso27001 on " << compliance::to_string(on) << ": " << compliance::to_string(v.status);
  if (!v.satisfied_by.empty()) std::cout << " (certificate " << v.satisfied_by.front();
  if (v.covered_since) std::cout << ", covered since " << compliance::to_string(*v.covered_since);
  if (v.covered_until) std::cout << " until " << compliance::to_string(*v.covered_until);
  std::cout << ")\n";

  // A requirement with criteria: the SOC 2 report includes availability, and is current
  // (12 months after its period) on this date.
  const auto soc2 = reg.parse("soc2:type2[availability]");
  std::cout << "\nacme soc2:type2[availability] on 2025-06-01:\n" << compliance::to_string(reg.check("acme", soc2, on)) << "\n";
  return 0;
}
