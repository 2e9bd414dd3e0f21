#include "compliance/verdict.hpp"

namespace compliance {

std::string to_string(const verdict& v) {
  std::string out(to_string(v.status));
  if (v.vendor) out += " (" + v.vendor->str() + " on " + to_string(v.on) + ")";
  if (v.covered_since) {
    out += v.covered() ? "\n  covered since " : "\n  last covered ";
    out += to_string(*v.covered_since);
    out += v.covered_until ? " until " + to_string(*v.covered_until) : std::string(", no end date");
  }
  if (v.next_covered_from) out += "\n  covered again from " + to_string(*v.next_covered_from);
  if (!v.satisfied_by.empty()) {
    out += "\n  evidence:";
    for (const auto& e : v.satisfied_by) out += " " + e.str();
  }
  for (const auto& f : v.findings) {
    out += "\n  ";
    out += f.decisive ? "* " : "  ";
    out += std::string(to_string(f.severity)) + " " + std::string(to_string(f.code));
    if (f.evidence) out += " [" + f.evidence->str() + "]";
    if (!f.message.empty()) out += ": " + f.message;
  }
  return out;
}

} // namespace compliance
