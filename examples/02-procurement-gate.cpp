// 02 — a procurement gate: every purchase request (a CSV row: vendor, requirement, date, service)
// is approved or denied against a registry file, with the reasons. A CI job or an approval
// workflow runs it; the exit status is 1 when anything is denied.
//
//   02-procurement-gate REGISTRY.json REQUESTS.csv
//
// A bad row (a date that is not a calendar date, an unknown framework, an unknown vendor) is a
// deny with its reason, never a crash: the gate must not let a typo through, nor stop the batch.
#include <compliance/compliance.hpp>
#include <compliance/json.hpp>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

/// One CSV line split into fields: commas separate, double quotes enclose a field that holds
/// commas or `|` (`"iso27001 | soc2:type2"`), and `""` inside quotes is one quote.
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

/// The decision for one request, with the sentences that explain it.
struct decision {
  bool approved = false;
  std::vector<std::string> reasons;
};

decision deny(std::string reason) { return {false, {std::move(reason)}}; }

/// Approves a request when the vendor is covered on the date; the reasons are the findings that
/// matter (warnings when approved, blocking findings when denied).
decision decide(const compliance::registry& reg, const std::vector<std::string>& row) {
  if (row.size() != 4) return deny("expected 4 fields (vendor, requirement, date, service), found " + std::to_string(row.size()));
  const std::string& vendor = row[0];
  const auto on = compliance::parse_date(row[2]); // strict YYYY-MM-DD: 2024-02-30 is refused
  if (!on) return deny("\"" + row[2] + "\" is not a calendar date (YYYY-MM-DD)");
  const auto req = reg.try_parse(row[1]); // G3: unknown words come back with suggestions
  if (!req) return deny("requirement \"" + row[1] + "\": " + req.error().to_string());

  compliance::query_options options;
  if (!row[3].empty()) options.service = row[3]; // C15: the service the purchase is for
  const compliance::verdict v = reg.check(vendor, *req, *on, options);

  decision d{v.covered(), {}};
  const auto wanted = v.covered() ? compliance::severity::warning : compliance::severity::blocking;
  for (const auto& f : v.findings)
    if (f.severity == wanted) d.reasons.push_back(std::string(compliance::to_string(f.code)) + ": " + f.message);
  if (v.covered() && v.covered_until)
    d.reasons.insert(d.reasons.begin(), "covered until " + compliance::to_string(*v.covered_until));
  return d;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: 02-procurement-gate REGISTRY.json REQUESTS.csv\n";
    return 2;
  }
  auto loaded = compliance::load_file(argv[1]);
  if (!loaded) {
    std::cerr << loaded.error().to_string() << '\n';
    return 2;
  }
  std::ifstream csv(argv[2]);
  if (!csv) {
    std::cerr << argv[2] << ": cannot open\n";
    return 2;
  }

  std::string line;
  std::getline(csv, line); // header: vendor,requirement,date,service
  int row_number = 1;
  int denied = 0;
  while (std::getline(csv, line)) {
    ++row_number;
    if (line.empty()) continue;
    const auto fields = split_csv(line);
    const decision d = decide(*loaded, fields);
    denied += d.approved ? 0 : 1;
    std::cout << "row " << std::setw(2) << row_number << ": " << (d.approved ? "APPROVE" : "DENY   ") << "  " << line << '\n';
    for (const auto& r : d.reasons) std::cout << "          - " << r << '\n';
  }
  std::cout << (denied == 0 ? "all requests approved" : std::to_string(denied) + " request(s) denied") << '\n';
  return denied == 0 ? 0 : 1;
}
