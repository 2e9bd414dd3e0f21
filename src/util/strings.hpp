// String helpers for messages and names: one of each for the whole library.
#ifndef COMPLIANCE_SRC_UTIL_STRINGS_HPP
#define COMPLIANCE_SRC_UTIL_STRINGS_HPP

#include <string>
#include <string_view>
#include <vector>

namespace compliance::detail {

/// The words separated by `sep` ("a, b, c"), for messages.
std::string join(const std::vector<std::string>& words, std::string_view sep = ", ");
/// Case-insensitive ASCII equality (the same in every C locale).
bool iequals(std::string_view a, std::string_view b) noexcept;

} // namespace compliance::detail

#endif
