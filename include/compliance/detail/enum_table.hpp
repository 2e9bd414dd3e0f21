#ifndef COMPLIANCE_DETAIL_ENUM_TABLE_HPP
#define COMPLIANCE_DETAIL_ENUM_TABLE_HPP

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace compliance::detail {

/// Specialised once per closed vocabulary (through COMPLIANCE_ENUM_TABLE) with
/// `static constexpr std::pair<E, std::string_view> names[]`: the one table both directions of conversion read.
template <class E>
struct enum_table;

template <class E, class = void>
struct has_enum_table : std::false_type {};
template <class E>
struct has_enum_table<E, std::void_t<decltype(enum_table<E>::names)>> : std::true_type {};

} // namespace compliance::detail

namespace compliance {

/// The registry spelling of an enumerator (`"self-assessment"`, `"major-nonconformity"`).
template <class E, std::enable_if_t<detail::has_enum_table<E>::value, int> = 0>
constexpr std::string_view to_string(E value) noexcept {
  for (const auto& [v, name] : detail::enum_table<E>::names)
    if (v == value) return name;
  return "?";
}

/// The enumerator spelled `text` exactly, or nullopt.
template <class E, std::enable_if_t<detail::has_enum_table<E>::value, int> = 0>
constexpr std::optional<E> enum_from_string(std::string_view text) noexcept {
  for (const auto& [v, name] : detail::enum_table<E>::names)
    if (name == text) return v;
  return std::nullopt;
}

} // namespace compliance

#define COMPLIANCE_ENUM_TABLE(E, ...)                                                          \
  template <>                                                                                  \
  struct compliance::detail::enum_table<E> {                                                   \
    static constexpr std::pair<E, std::string_view> names[] = {__VA_ARGS__};                   \
  }

#endif
