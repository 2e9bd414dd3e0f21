// libFuzzer target: the requirement parser (Q1, G3) never crashes, hangs or leaks, every error
// points inside the text, and what it accepts prints back to an equal requirement (Q3).
#include <compliance/requirement.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto r = compliance::try_parse_requirement(text);
  if (!r) {
    if (r.error().column == 0 || r.error().column > size + 1) std::abort();
    return 0;
  }
  const auto again = compliance::try_parse_requirement(compliance::to_string(*r));
  if (!again || *again != *r) std::abort();
  return 0;
}
