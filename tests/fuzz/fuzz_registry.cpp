// libFuzzer target: the registry loader never crashes, hangs or leaks on any bytes; a document
// it accepts saves and loads back to equal data, and every refusal says where.
#include <compliance/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto r = compliance::load(text);
  if (!r) {
    if (r.error().items.empty()) std::abort();
    (void)compliance::lint(text);
    return 0;
  }
  const auto saved = compliance::to_json(r->data());
  const auto again = compliance::load_data(saved);
  if (!again || *again != r->data()) std::abort();
  // A query on whatever loaded answers without throwing.
  for (const auto& id : r->vendor_ids())
    (void)r->check(id.str(), compliance::parse_requirement("iso27001 | soc2:type2"), compliance::date(2024, 6, 1));
  return 0;
}
