#include "sim/output/results_template.hpp"

#include <set>

#include "sim/common/error.hpp"
#include "sim/output/hdf5_util.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/output/results_schema.hpp"

namespace ws::output {
namespace {

// Attributes the writer makes itself (dimension scales, netCDF bookkeeping, a variable's own definition).
const std::set<std::string>& written_by_writer() {
  static const std::set<std::string> names{"CLASS",          "NAME",          "REFERENCE_LIST",
                                           "DIMENSION_LIST", "_Netcdf4Dimid", "_Netcdf4Coordinates",
                                           "_FillValue",     "units",         "long_name"};
  return names;
}

struct Collected {
  hid_t object;
  std::vector<NamedAttribute>* out;
};

herr_t collect(hid_t, const char* name, const H5A_info_t*, void* data) {
  auto& c = *static_cast<Collected*>(data);
  h5::Handle attr =
      h5::attribute(H5Aopen(c.object, name, H5P_DEFAULT), std::string("open attribute ") + name);
  h5::Handle space = h5::dataspace(H5Aget_space(attr.get()), name);
  if (H5Sget_simple_extent_type(space.get()) != H5S_SCALAR) return 0;  // references, arrays: not ours
  h5::Handle type = h5::datatype(H5Aget_type(attr.get()), name);
  switch (H5Tget_class(type.get())) {
    case H5T_STRING:
      c.out->push_back({name, h5::read_text_attribute(c.object, name)});
      break;
    case H5T_INTEGER:
      if (H5Tget_sign(type.get()) == H5T_SGN_NONE && H5Tget_size(type.get()) == 8) {
        std::uint64_t v = 0;
        h5::check_status(H5Aread(attr.get(), H5T_NATIVE_UINT64, &v), name);
        c.out->push_back({name, v});
      } else {
        c.out->push_back({name, h5::read_integer_attribute(c.object, name)});
      }
      break;
    case H5T_FLOAT:
      c.out->push_back({name, h5::read_number_attribute(c.object, name)});
      break;
    default:
      break;
  }
  return 0;
}

std::vector<NamedAttribute> attributes_of(hid_t object) {
  std::vector<NamedAttribute> out;
  Collected c{object, &out};
  hsize_t index = 0;
  h5::check_status(H5Aiterate2(object, H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect, &c),
                   "list attributes");
  return out;
}

Attributes own_text_attributes(hid_t object) {
  Attributes out;
  for (auto& a : attributes_of(object))
    if (!written_by_writer().count(a.name) && std::holds_alternative<std::string>(a.value))
      out.emplace_back(a.name, std::get<std::string>(a.value));
  return out;
}

// Dimensions keep their attributes in the order the writer got them, units and long_name included.
Attributes dimension_attributes(hid_t object) {
  Attributes out;
  for (auto& a : attributes_of(object))
    if ((!written_by_writer().count(a.name) || a.name == "units" || a.name == "long_name") &&
        std::holds_alternative<std::string>(a.value))
      out.emplace_back(a.name, std::get<std::string>(a.value));
  return out;
}

}  // namespace

ResultsTemplate read_template(const std::filesystem::path& file) {
  const ResultsReader reader(file);  // refuses what is not a results file, with a one-line reason
  h5::QuietErrors quiet;
  try {
    h5::Handle fapl = h5::plist(H5Pcreate(H5P_FILE_ACCESS), "file access properties");
    H5Pset_file_locking(fapl.get(), true, true);
    h5::Handle f(h5::check(H5Fopen(file.c_str(), H5F_ACC_RDONLY, fapl.get()), "open"), H5Fclose);
    h5::Handle root = h5::group(H5Gopen2(f.get(), "/", H5P_DEFAULT), "open the root group");
    ResultsTemplate t;
    t.globals = attributes_of(root.get());
    for (const std::string& name : reader.dimension_names()) {
      h5::Handle ds = h5::dataset(H5Dopen2(root.get(), name.c_str(), H5P_DEFAULT), "open " + name);
      h5::Handle type = h5::datatype(H5Dget_type(ds.get()), "type of " + name);
      Dimension d{name, {}, dimension_attributes(ds.get())};
      const H5T_class_t kind = H5Tget_class(type.get());
      if (reader.has_names(name)) {
        d.values = reader.strings(name);
        const std::string label = schema::name_label(name);
        if (reader.has_variable(label)) {  // the names' attributes are the label variable's
          h5::Handle names = h5::dataset(H5Dopen2(root.get(), label.c_str(), H5P_DEFAULT), "open " + label);
          d.attributes = dimension_attributes(names.get());
        }
      } else if (kind == H5T_INTEGER) {
        std::vector<std::int32_t> ints;
        for (double x : reader.numbers(name)) ints.push_back(static_cast<std::int32_t>(x));
        d.values = std::move(ints);
      } else {
        d.values = reader.numbers(name);
      }
      t.dimensions.push_back(std::move(d));
    }
    for (const std::string& name : reader.variable_names()) {
      h5::Handle ds = h5::dataset(H5Dopen2(root.get(), name.c_str(), H5P_DEFAULT), "open " + name);
      t.variables.push_back({name, reader.variable_dims(name), reader.variable_attribute(name, "units"),
                             reader.variable_attribute(name, "long_name"), reader.is_integer(name),
                             own_text_attributes(ds.get()),
                             h5::attribute_kind(ds.get(), "_FillValue") == h5::AttributeKind::absent});
    }
    return t;
  } catch (const std::runtime_error& e) {
    if (dynamic_cast<const InputError*>(&e)) throw;
    throw InputError(file.string() + ": damaged results file (" + e.what() + ")");
  }
}

void set_attribute(ResultsWriter& writer, const NamedAttribute& attribute) {
  std::visit([&](const auto& value) { writer.set_attribute(attribute.name, value); }, attribute.value);
}

}  // namespace ws::output
