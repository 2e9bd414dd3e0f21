// 05 — the coverage matrix (W2): load a registry file and print vendors × frameworks on a date,
// one column per framework that appears in the file.
//
//   05-matrix REGISTRY.json DATE
#include <compliance/compliance.hpp>
#include <compliance/json.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <string>

namespace {

/// Each framework the registry's vendors hold evidence for, in catalog order.
std::vector<compliance::requirement> frameworks_in(const compliance::registry& reg) {
  std::vector<compliance::requirement> out;
  for (const auto& id : reg.frameworks_in_use()) out.push_back(reg.parse(id.str()));
  return out;
}

/// `yes 166d`, `warn 166d`, `yes` (no end date) or `-`.
std::string cell_text(const compliance::matrix_cell& c) {
  if (c.status == compliance::coverage_status::not_covered) return "-";
  std::string text = c.status == compliance::coverage_status::covered ? "yes" : "warn";
  if (c.days_left) text += " " + std::to_string(*c.days_left) + "d";
  return text;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: 05-matrix REGISTRY.json YYYY-MM-DD\n";
    return 2;
  }
  const auto on = compliance::parse_date(argv[2]);
  if (!on) {
    std::cerr << argv[2] << ": not a YYYY-MM-DD date\n";
    return 2;
  }
  auto reg = compliance::load_file(argv[1]);
  if (!reg) {
    std::cerr << reg.error().to_string() << '\n';
    return 2;
  }

  const compliance::matrix_result m = reg->matrix(frameworks_in(*reg), *on);
  std::size_t first = 6; // width of the vendor column
  for (const auto& v : m.vendors) first = std::max(first, v.str().size());
  std::cout << "vendor x framework on " << compliance::to_string(m.on) << "\n\n" << std::left << std::setw(static_cast<int>(first + 2)) << "vendor";
  for (const auto& r : m.requirements) std::cout << std::setw(static_cast<int>(std::max<std::size_t>(r.size(), 9) + 2)) << r;
  std::cout << '\n';
  for (std::size_t i = 0; i < m.vendors.size(); ++i) {
    std::cout << std::setw(static_cast<int>(first + 2)) << m.vendors[i].str();
    for (std::size_t j = 0; j < m.requirements.size(); ++j)
      std::cout << std::setw(static_cast<int>(std::max<std::size_t>(m.requirements[j].size(), 9) + 2)) << cell_text(m.cells[i][j]);
    std::cout << '\n';
  }
  std::cout << "\nyes = covered, warn = covered with warnings, - = not covered, Nd = days left\n";
  return 0;
}
