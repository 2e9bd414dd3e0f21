#include "compliance/error.hpp"

namespace compliance {

namespace {
class category final : public boost::system::error_category {
public:
  const char* name() const noexcept override { return "compliance"; }
  std::string message(int ev) const override {
    switch (static_cast<errc>(ev)) {
    case errc::syntax: return "the document is not valid JSON";
    case errc::too_deep: return "the document is nested too deeply";
    case errc::duplicate_key: return "a key appears twice in one object";
    case errc::wrong_format: return "the document is not compliance-registry/1";
    case errc::wrong_type: return "a value has the wrong JSON type";
    case errc::missing_field: return "a required field is missing";
    case errc::bad_date: return "a date is not a YYYY-MM-DD calendar date";
    case errc::bad_value: return "a value is outside its allowed set";
    case errc::bad_id: return "an id is not made of [a-z0-9._-]";
    case errc::duplicate_id: return "an id is used twice";
    case errc::dangling_reference: return "a reference names a vendor that does not exist";
    case errc::relies_on_cycle: return "relies_on links form a cycle";
    case errc::unknown_framework: return "an unknown framework id";
    case errc::bad_interval: return "an interval ends before it starts";
    case errc::io_error: return "a file could not be read or written";
    case errc::expression_syntax: return "a malformed requirement expression";
    case errc::unknown_word: return "an unknown word in a requirement expression";
    case errc::too_complex: return "a requirement expression beyond the parser's limits";
    }
    return "unknown compliance error";
  }
};
} // namespace

const boost::system::error_category& error_category() noexcept {
  static const category instance;
  return instance;
}

std::string diagnostics::to_string() const {
  std::string out;
  for (const auto& d : items) {
    if (!out.empty()) out += '\n';
    out += d.pointer.empty() ? std::string("(document)") : d.pointer;
    if (d.line != 0) out += " " + std::to_string(d.line) + ":" + std::to_string(d.column);
    out += ": ";
    out += d.message;
  }
  return out;
}

document_error::document_error(compliance::diagnostics d)
    : std::runtime_error(d.items.empty() ? std::string("invalid registry document") : d.to_string()),
      diagnostics_(std::move(d)) {}

void throw_exception_from_error(const diagnostics& d, const boost::source_location&) { throw document_error(d); }

} // namespace compliance
