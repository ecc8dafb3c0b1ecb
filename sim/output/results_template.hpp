#pragma once
// An existing results file's definitions as writer input: its global attributes, dimensions (with values and
// attributes) and variables, in the order they were created. `merge` defines a new file from a part this way,
// so that everything a run writes (including what later versions add to the schema) carries over unchanged.
#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "sim/output/results_writer.hpp"

namespace ws::output {

using AttributeValue = std::variant<std::string, std::int64_t, std::uint64_t, double>;

struct NamedAttribute {
  std::string name;
  AttributeValue value;
};

struct ResultsTemplate {
  std::vector<NamedAttribute> globals;  // creation order
  std::vector<Dimension> dimensions;    // the order they were added (_Netcdf4Dimid)
  std::vector<VariableSpec> variables;  // data variables, creation order
};

// Throws ws::InputError naming the file when it cannot be read as a results file.
ResultsTemplate read_template(const std::filesystem::path& file);

// writer.set_attribute with the attribute's own type.
void set_attribute(ResultsWriter& writer, const NamedAttribute& attribute);

}  // namespace ws::output
