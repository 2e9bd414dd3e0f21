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
/// Appends `/token` to a JSON pointer, escaping `~` and `/` (RFC 6901): the one JSON-pointer
/// builder of the library.
void append_pointer_token(std::string& pointer, std::string_view token);
/// Appends `/index` to a JSON pointer.
void append_pointer_index(std::string& pointer, std::size_t index);
/// " (did you mean: a, b?)" for the closest valid words (G3), or nothing when there are none: the
/// one way every message of the library offers them.
std::string did_you_mean(const std::vector<std::string>& words);

} // namespace compliance::detail

#endif
