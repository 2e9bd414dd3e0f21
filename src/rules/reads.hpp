// What the rules read beyond the atom's own framework: the one declaration the store's narrow
// decoding consults (registry_impl::frameworks_read), kept beside the rules that do the reading.
// A rule that starts reading another framework's evidence names it here; the property test "G5
// C6 C11 C16 a query decodes only the evidence its requirement can read, and answers as from all
// of it" fails until it does.
#ifndef COMPLIANCE_SRC_RULES_READS_HPP
#define COMPLIANCE_SRC_RULES_READS_HPP

#include "compliance/framework.hpp"

#include <string>
#include <vector>

namespace compliance::detail {

/// Per catalog row: the frameworks whose evidence the rules read for an atom on it — its own,
/// those whose reports satisfy it (C11: reports.cpp), and the prerequisites of all of these (C6:
/// certificates.cpp, at row or edition level), with theirs. A superset, never less.
std::vector<std::vector<std::string>> frameworks_read_by_row(const compliance::catalog& frameworks);

} // namespace compliance::detail

#endif
