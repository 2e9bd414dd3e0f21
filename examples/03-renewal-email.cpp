// 03 — the renewal reminder: the W1 worklist (registry::expiring) written as the text of an
// e-mail to the vendor-management team. A scheduled job runs it each Monday and sends the text.
//
//   03-renewal-email REGISTRY.json DATE [DAYS]
//
// The date is an argument, never the clock (G1): the same input always gives the same e-mail.
#include <compliance/compliance.hpp>
#include <compliance/json.hpp>

#include <algorithm>
#include <iostream>
#include <string>

namespace {

/// `recertification-audit` → `recertification audit`.
std::string words(std::string_view code) {
  std::string out(code);
  std::replace(out.begin(), out.end(), '-', ' ');
  return out;
}

void write_email(std::ostream& out, const std::vector<compliance::expiring_item>& items, compliance::date on, long days) {
  const std::string when = "within " + std::to_string(days) + " days of " + compliance::to_string(on);
  out << "To: vendor-management@example.com\n";
  if (items.empty()) {
    out << "Subject: No vendor compliance renewals due " << when << "\n\nHello,\n\n"
        << "no vendor's evidence stops covering us " << when << ". Nothing to chase this week.\n";
  } else {
    out << "Subject: " << items.size() << " vendor compliance renewal" << (items.size() == 1 ? "" : "s") << " due "
        << when << "\n\nHello,\n\n"
        << "the evidence below stops covering us soon (soonest first). Please ask each vendor for the\n"
        << "renewal named, and record it in the registry when it arrives.\n\n";
    for (const auto& item : items) {
      out << "  * " << item.vendor << " - " << item.framework;
      if (item.evidence) out << " (" << *item.evidence << ")";
      out << ": covered through " << compliance::to_string(item.ends) << ", " << item.days_left << " days left.\n"
          << "    Renewal needed: " << words(compliance::to_string(item.renewal)) << ".\n"
          << "    " << item.message << "\n";
    }
  }
  out << "\nThank you,\nThe compliance registry\n";
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: 03-renewal-email REGISTRY.json YYYY-MM-DD [DAYS]\n";
    return 2;
  }
  const auto on = compliance::parse_date(argv[2]);
  const long days = argc == 4 ? std::stol(argv[3]) : 90;
  if (!on || days < 0) {
    std::cerr << "expected a date as YYYY-MM-DD and a number of days\n";
    return 2;
  }
  auto reg = compliance::load_file(argv[1]);
  if (!reg) {
    std::cerr << reg.error().to_string() << '\n';
    return 2;
  }
  write_email(std::cout, reg->expiring(*on, days), *on, days);
  return 0;
}
