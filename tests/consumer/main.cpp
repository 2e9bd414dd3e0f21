// The ten-line program of the README, built against the package the three ways.
#include <compliance/compliance.hpp>

#include <iostream>

int main() {
  compliance::registry_builder b;
  b.vendor("acme").certificate("iso27001").issued("2024-01-10").expires("2027-01-09");
  const auto reg = b.build();
  const auto v = reg.check("acme", reg.parse("iso27001"), compliance::date_from_string("2026-01-01"));
  std::cout << compliance::to_string(v) << "\n";
  return v.covered() ? 0 : 1;
}
