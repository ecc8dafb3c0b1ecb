#include "sim/output/results_writer.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "sim/common/error.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/chunking.hpp"
#include "sim/output/hdf5_util.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/output/results_schema.hpp"
#include "werkstroom/version.hpp"

namespace ws::output {

namespace {

void check_name(const std::string& name, const char* what) {
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
    throw std::invalid_argument(std::string(what) + " name \"" + name + "\" is not a valid netCDF name");
}

// Throws ws::InputError when the results cannot be written next to `final_path`.
void check_folder(const std::filesystem::path& final_path) {
  const std::filesystem::path folder = final_path.has_parent_path() ? final_path.parent_path() : ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec))
    throw InputError(final_path.string() + ": the folder " + folder.string() + " does not exist");
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    throw InputError(final_path.string() + ": the folder " + folder.string() + " is not writable");
  if (std::filesystem::is_directory(final_path, ec))
    throw InputError(final_path.string() + ": is a folder, expected a results file name");
}

// Same bounds and close behaviour for creating and amending: netCDF-4 readers need the 1.8 format at most,
// and H5F_CLOSE_SEMI turns a leaked handle into an error at commit instead of a silently open file.
h5::Handle file_access_plist() {
  h5::Handle fapl = h5::plist(H5Pcreate(H5P_FILE_ACCESS), "file access properties");
  h5::check_status(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_EARLIEST, H5F_LIBVER_V18),
                   "library version bounds");
  h5::check_status(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI), "file close degree");
  // Lock where the file system can; where it cannot (some network shares) write anyway.
  h5::check_status(H5Pset_file_locking(fapl.get(), true, true), "file locking");
  // A small, fixed metadata cache: the chunk index grows with the replications, and HDF5's adaptive cache
  // would otherwise grow with it (memory must not depend on the number of replications). Appending chunks
  // touches only the newest path of the index: 256-512 KiB instead of 1-2 MiB held HDF5's part of the heap
  // at +0.2 instead of +1.0 MB from 100 to 1,500 replications, at no measurable CPU cost (BENCHMARKS.md).
  H5AC_cache_config_t cache{};
  cache.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  h5::check_status(H5Pget_mdc_config(fapl.get(), &cache), "metadata cache");
  cache.set_initial_size = true;
  cache.initial_size = 256 << 10;
  cache.max_size = 512 << 10;
  cache.min_size = 256 << 10;
  h5::check_status(H5Pset_mdc_config(fapl.get(), &cache), "metadata cache");
  // No raw-data chunk cache: every write covers whole chunks, written once, so caching them only holds up to
  // 1 MiB per variable in memory before it reaches the file.
  h5::check_status(H5Pset_cache(fapl.get(), 0, 101, 0, 1.0), "chunk cache");
  return fapl;
}

// A whole 1-D dataset of UTF-8 strings.
herr_t write_strings(hid_t dataset, hid_t string_type, const std::vector<std::string>& values) {
  std::vector<const char*> texts;
  texts.reserve(values.size());
  for (const std::string& s : values) texts.push_back(s.c_str());
  // Strings are converted on the way to the file, in a buffer HDF5 allocates and zeroes for every write at
  // its full size (1 MiB by default), however few the labels: a few KiB holds them (HDF5 converts in pieces
  // of the buffer's size when it does not).
  h5::Handle transfer = h5::plist(H5Pcreate(H5P_DATASET_XFER), "string transfer properties");
  constexpr std::size_t kConversionBuffer = 16 << 10;
  if (H5Pset_buffer(transfer.get(), kConversionBuffer, nullptr, nullptr) < 0) return -1;
  return H5Dwrite(dataset, string_type, H5S_ALL, H5S_ALL, transfer.get(), texts.data());
}

// Attribute creation order tracked (netCDF-4 lists attributes in that order); no timestamps, so that the same
// run gives the same bytes.
h5::Handle dataset_create_plist() {
  h5::Handle dcpl = h5::plist(H5Pcreate(H5P_DATASET_CREATE), "dataset properties");
  h5::check_status(H5Pset_attr_creation_order(dcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
                   "attribute creation order");
  h5::check_status(H5Pset_obj_track_times(dcpl.get(), 0), "object times");
  return dcpl;
}

herr_t collect_link_name(hid_t, const char* name, const H5L_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->push_back(name);
  return 0;
}

// Dimension scales are attached by hand, in the layout of HDF5's H5DS (hl/src/H5DS.c, 1.10.8):
// H5DSattach_scale reads, deletes and rewrites the scale's whole REFERENCE_LIST on every attach, so attaching
// ~80 variables to the same few scales was quadratic (half of the time spent defining a results file). A
// variable's DIMENSION_LIST is written once, complete, when it is defined (where H5DS put it: before its
// other attributes); each scale's REFERENCE_LIST once at commit, with every attachment in attach order.

// An entry of REFERENCE_LIST: H5DS's ds_list_t.
struct ReferenceEntry {
  hobj_ref_t dataset;      // the variable attached
  unsigned int dimension;  // along which of its dimensions
};

// H5DS's type of REFERENCE_LIST (H5DS_get_REFLIST_type), in memory and for a new attribute.
h5::Handle reference_list_type(const std::string& what) {
  h5::Handle type = h5::datatype(H5Tcreate(H5T_COMPOUND, sizeof(ReferenceEntry)), what);
  h5::check_status(H5Tinsert(type.get(), "dataset", HOFFSET(ReferenceEntry, dataset), H5T_STD_REF_OBJ), what);
  h5::check_status(H5Tinsert(type.get(), "dimension", HOFFSET(ReferenceEntry, dimension), H5T_NATIVE_INT),
                   what);
  return type;
}

hobj_ref_t object_reference(hid_t object, const std::string& what) {
  hobj_ref_t ref{};
  h5::check_status(H5Rcreate(&ref, object, ".", H5R_OBJECT, H5I_INVALID_HID), what);
  return ref;
}

// DIMENSION_LIST of a variable as H5DS makes it: one variable-length list of scale references per dimension
// (here always exactly one scale).
void write_dimension_list(hid_t variable, const std::vector<hobj_ref_t>& scales, const std::string& what) {
  std::vector<hobj_ref_t> refs(scales);
  std::vector<hvl_t> lists(refs.size());
  for (std::size_t i = 0; i < refs.size(); ++i) lists[i] = hvl_t{1, &refs[i]};
  const hsize_t rank = lists.size();
  h5::Handle space = h5::dataspace(H5Screate_simple(1, &rank, nullptr), what);
  h5::Handle type = h5::datatype(H5Tvlen_create(H5T_STD_REF_OBJ), what);
  h5::Handle attr = h5::attribute(
      H5Acreate2(variable, "DIMENSION_LIST", type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), what);
  h5::check_status(H5Awrite(attr.get(), type.get(), lists.data()), what);
}

// REFERENCE_LIST of a scale with `added` after the entries it already has (a copied file's), in one write.
// Replaced like H5DS does: read, delete, created again with the stored type and the new length.
void write_reference_list(hid_t scale, const std::vector<ReferenceEntry>& added, const std::string& what) {
  h5::Handle memory_type = reference_list_type(what);
  std::vector<ReferenceEntry> entries;
  h5::Handle file_type;
  const htri_t exists = H5Aexists(scale, "REFERENCE_LIST");
  h5::check(exists, what);
  if (exists > 0) {
    h5::Handle old = h5::attribute(H5Aopen(scale, "REFERENCE_LIST", H5P_DEFAULT), what);
    file_type = h5::datatype(H5Aget_type(old.get()), what);
    h5::Handle old_space = h5::dataspace(H5Aget_space(old.get()), what);
    const hssize_t n = H5Sget_simple_extent_npoints(old_space.get());
    h5::check_status(n < 0 ? -1 : 0, what);
    entries.resize(static_cast<std::size_t>(n));
    if (n > 0) h5::check_status(H5Aread(old.get(), memory_type.get(), entries.data()), what);
    old.reset();
    h5::check_status(H5Adelete(scale, "REFERENCE_LIST"), what);
  }
  entries.insert(entries.end(), added.begin(), added.end());
  const hsize_t n = entries.size();
  h5::Handle space = h5::dataspace(H5Screate_simple(1, &n, nullptr), what);
  const hid_t type = file_type ? file_type.get() : memory_type.get();
  h5::Handle attr =
      h5::attribute(H5Acreate2(scale, "REFERENCE_LIST", type, space.get(), H5P_DEFAULT, H5P_DEFAULT), what);
  // Written from zeroed bytes: the entry's padding goes to the file as it is (the memory and file types are
  // the same), and padding left as it happened to be made two identical runs write different bytes.
  std::vector<unsigned char> bytes(entries.size() * sizeof(ReferenceEntry), 0);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    unsigned char* at = bytes.data() + i * sizeof(ReferenceEntry);
    std::memcpy(at + offsetof(ReferenceEntry, dataset), &entries[i].dataset, sizeof entries[i].dataset);
    std::memcpy(at + offsetof(ReferenceEntry, dimension), &entries[i].dimension, sizeof entries[i].dimension);
  }
  h5::check_status(H5Awrite(attr.get(), memory_type.get(), bytes.data()), what);
}

}  // namespace

struct ResultsWriter::Impl {
  struct Dim {
    h5::Handle dataset;
    std::uint64_t size = 0;
    hobj_ref_t ref{};                        // to the scale, for DIMENSION_LIST
    std::vector<ReferenceEntry> attached{};  // variables attached since opened: REFERENCE_LIST at commit
  };
  struct Var {
    h5::Handle dataset;
    std::vector<hsize_t> shape;
    bool integer = false;
    std::optional<ChunkLayout> chunks;  // read from the dataset when first asked for
  };

  std::filesystem::path final_path;
  std::filesystem::path temp_path;
  bool claimed = false;  // temp_path registered as ours
  bool created = false;  // temp_path exists on disk and must go unless committed
  bool committed = false;
  h5::Handle file;
  h5::Handle root;
  std::map<std::string, Dim> dims;
  std::map<std::string, Var> vars;
  h5::AttributeWriter attributes;
  // Every link in the root group: the file's when amending, then each one made here. A lookup in HDF5 for
  // every name a variable's coordinates might list took more time than writing those coordinates.
  std::set<std::string> links;
  std::int32_t next_dimid = 0;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  ~Impl() {
    if (committed) return;
    h5::QuietErrors quiet;
    close_all();
    if (created) {
      std::error_code ec;
      std::filesystem::remove(temp_path, ec);
    }
    if (claimed) release_temp_path(temp_path);
  }

  // Closes every object, the file last; false when HDF5 reports an error (e.g. an object still open).
  bool close_all() {
    vars.clear();
    dims.clear();
    const bool root_ok = root.reset();
    const bool file_ok = file.reset();
    return root_ok && file_ok;
  }

  void prepare_temp(std::filesystem::path final) {
    final_path = std::move(final);
    check_folder(final_path);
    remove_stale_temp_files(final_path);
    temp_path = temp_path_for(final_path, static_cast<long>(::getpid()));
    if (!claim_temp_path(temp_path))
      throw std::logic_error("two results writers in one process for " + final_path.string());
    claimed = true;
  }

  void create(std::filesystem::path final) {
    prepare_temp(std::move(final));
    // HDF5 keeps freed blocks on free lists per block size, without limit by default; every compressed chunk
    // has its own size, so those lists grew with the replications (BENCHMARKS.md, memory). 256 KiB per kind
    // (and 64 KiB per size) is plenty for reuse; more only raised the plateau a long run reaches.
    h5::check_status(H5set_free_list_limits(256 << 10, 64 << 10, 256 << 10, 64 << 10, 256 << 10, 64 << 10),
                     "HDF5 free list limits");
    h5::Handle fcpl = h5::plist(H5Pcreate(H5P_FILE_CREATE), "file creation properties");
    const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
    h5::check_status(H5Pset_link_creation_order(fcpl.get(), order), "link creation order");
    h5::check_status(H5Pset_attr_creation_order(fcpl.get(), order), "attribute creation order");
    h5::Handle fapl = file_access_plist();
    file = h5::Handle(h5::check(H5Fcreate(temp_path.c_str(), H5F_ACC_EXCL, fcpl.get(), fapl.get()),
                                "cannot create " + temp_path.string()),
                      H5Fclose);
    created = true;
    root = h5::group(H5Gopen2(file.get(), "/", H5P_DEFAULT), "open the root group");
    attributes.write(root.get(), "Conventions", std::string("CF-1.8"));
    attributes.write(root.get(), "source", std::string("werkstroom ") + kVersion);
    attributes.write(root.get(), "werkstroom_format", std::string(kFormatVersion));
  }

  void open_copy(const std::filesystem::path& existing) {
    prepare_temp(existing);
    std::error_code ec;
    created = true;  // from here on a partial copy must be cleaned up too
    if (!std::filesystem::copy_file(existing, temp_path, std::filesystem::copy_options::overwrite_existing,
                                    ec))
      throw std::runtime_error("cannot copy " + existing.string() + " to " + temp_path.string() + ": " +
                               ec.message());
    h5::Handle fapl = file_access_plist();
    file = h5::Handle(
        h5::check(H5Fopen(temp_path.c_str(), H5F_ACC_RDWR, fapl.get()), "cannot open " + temp_path.string()),
        H5Fclose);
    root = h5::group(H5Gopen2(file.get(), "/", H5P_DEFAULT), "open the root group");
    // New dimensions continue the numbering of the existing ones.
    std::vector<std::string> names;
    h5::check_status(H5Literate(root.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_link_name, &names),
                     "list " + existing.string());
    links.insert(names.begin(), names.end());
    for (const std::string& name : names) {
      if (!h5::is_dataset(root.get(), name)) continue;
      h5::Handle ds = h5::dataset(H5Dopen2(root.get(), name.c_str(), H5P_DEFAULT), "open " + name);
      if (H5DSis_scale(ds.get()) <= 0) continue;
      std::int32_t id = next_dimid;
      if (h5::attribute_kind(ds.get(), "_Netcdf4Dimid") == h5::AttributeKind::integer)
        id = static_cast<std::int32_t>(h5::read_integer_attribute(ds.get(), "_Netcdf4Dimid"));
      next_dimid = std::max(next_dimid, id + 1);
    }
  }

  // Before adding a dimension or variable: open, a valid name, not taken.
  void require_new(const std::string& name, const char* kind) const {
    require_open();
    check_name(name, kind);
    if (link_exists(name)) throw std::logic_error("results file already has " + name);
  }

  void require_open() const {
    if (committed)
      throw std::logic_error("results writer for " + final_path.string() + " was already committed");
    if (!file) throw std::logic_error("results writer for " + final_path.string() + " is not open");
  }

  // `attributes` with `coordinates` naming every label variable along `dims` (the names first) and the year's
  // time coordinate that this file has (CF 5, 6.1: so that readers see them as coordinates of the variable).
  // Not on bounds variables (along `bounds`), which CF describes through their coordinate.
  Attributes with_coordinates(const std::string& variable, const std::vector<std::string>& dims,
                              Attributes attributes) const {
    if (std::find(dims.begin(), dims.end(), schema::kBoundsDimension) != dims.end()) return attributes;
    auto listed = std::find_if(attributes.begin(), attributes.end(),
                               [](const auto& a) { return a.first == "coordinates"; });
    const std::string given = listed == attributes.end() ? "" : listed->second;
    std::vector<std::string> wanted;
    for (const std::string& dim : dims) {
      wanted.push_back(schema::name_label(dim));
      for (const auto& label : schema::labels())
        if (label.dim == dim) wanted.push_back(label.name);
    }
    if (std::find(dims.begin(), dims.end(), "year") != dims.end()) wanted.emplace_back(schema::kYearStart);
    std::string coordinates;
    for (const std::string& name : wanted) {
      const bool named = (" " + given + " " + coordinates + " ").find(" " + name + " ") != std::string::npos;
      if (!named && name != variable && link_exists(name))
        coordinates += (coordinates.empty() ? "" : " ") + name;
    }
    if (coordinates.empty()) return attributes;
    coordinates = given.empty() ? coordinates : given + " " + coordinates;
    if (listed == attributes.end())
      attributes.emplace_back("coordinates", coordinates);
    else
      listed->second = coordinates;
    return attributes;
  }

  bool link_exists(const std::string& name) const { return links.count(name) > 0; }

  // Existing dimension, opened from the file when amending.
  Dim* find_dimension(const std::string& name) {
    if (auto it = dims.find(name); it != dims.end()) return &it->second;
    if (!h5::is_dataset(root.get(), name)) return nullptr;
    h5::Handle ds = h5::dataset(H5Dopen2(root.get(), name.c_str(), H5P_DEFAULT), "open " + name);
    if (H5DSis_scale(ds.get()) <= 0) return nullptr;
    h5::Handle space = h5::dataspace(H5Dget_space(ds.get()), "shape of " + name);
    if (H5Sget_simple_extent_ndims(space.get()) != 1) return nullptr;
    hsize_t size = 0;
    H5Sget_simple_extent_dims(space.get(), &size, nullptr);
    const hobj_ref_t ref = object_reference(ds.get(), "reference to " + name);
    return &dims.emplace(name, Dim{std::move(ds), size, ref}).first->second;
  }

  // Attaches dimension i of `variable` to axes[i]: its DIMENSION_LIST now, the scales' REFERENCE_LIST at
  // commit (by hand, not H5DSattach_scale: see ReferenceEntry).
  void attach(hid_t variable, const std::vector<Dim*>& axes, const std::string& what) {
    if (axes.empty()) return;
    std::vector<hobj_ref_t> scales;
    for (const Dim* d : axes) scales.push_back(d->ref);
    write_dimension_list(variable, scales, what + ": attach dimensions");
    const hobj_ref_t ref = object_reference(variable, what + ": reference");
    for (std::size_t i = 0; i < axes.size(); ++i)
      axes[i]->attached.push_back(ReferenceEntry{ref, static_cast<unsigned>(i)});
  }

  // Every scale's REFERENCE_LIST, with the attachments recorded by attach().
  void write_reference_lists() {
    for (auto& [name, d] : dims) {
      if (d.attached.empty()) continue;
      write_reference_list(d.dataset.get(), d.attached,
                           "dimension " + name + ": list the variables attached in " + temp_path.string());
      d.attached.clear();
    }
  }

  Var& variable(const std::string& name) {
    if (auto it = vars.find(name); it != vars.end()) return it->second;
    if (!h5::is_dataset(root.get(), name))
      throw std::logic_error("results file " + final_path.string() + " has no variable " + name);
    Var v;
    v.dataset = h5::dataset(H5Dopen2(root.get(), name.c_str(), H5P_DEFAULT), "open " + name);
    h5::Handle space = h5::dataspace(H5Dget_space(v.dataset.get()), "shape of " + name);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    h5::check(rank, "rank of " + name);
    v.shape.resize(static_cast<std::size_t>(rank));
    if (rank > 0) H5Sget_simple_extent_dims(space.get(), v.shape.data(), nullptr);
    h5::Handle type = h5::datatype(H5Dget_type(v.dataset.get()), "type of " + name);
    v.integer = H5Tget_class(type.get()) == H5T_INTEGER;
    return vars.emplace(name, std::move(v)).first->second;
  }

  // From the dataset's creation properties, so that chunks are encoded as the file declares.
  const ChunkLayout& chunk_layout(const std::string& name) {
    Var& var = variable(name);
    if (var.chunks) return *var.chunks;
    const std::string what = "chunks of " + name;
    h5::Handle dcpl = h5::plist(H5Dget_create_plist(var.dataset.get()), what);
    if (H5Pget_layout(dcpl.get()) != H5D_CHUNKED)
      throw std::logic_error("variable " + name + " is not chunked");
    std::vector<hsize_t> chunk(var.shape.size());
    h5::check(H5Pget_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), what);
    const auto filter = [&](unsigned index, unsigned* value) {
      unsigned flags = 0, config = 0;
      std::size_t values = value ? 1 : 0;
      return H5Pget_filter2(dcpl.get(), index, &flags, &values, value, 0, nullptr, &config);
    };
    unsigned level = 0;
    if (H5Pget_nfilters(dcpl.get()) != 2 || filter(0, nullptr) != H5Z_FILTER_SHUFFLE ||
        filter(1, &level) != H5Z_FILTER_DEFLATE)
      throw std::logic_error("variable " + name + ": filters other than shuffle + deflate");
    ChunkLayout layout;
    layout.shape.assign(var.shape.begin(), var.shape.end());
    layout.chunk.assign(chunk.begin(), chunk.end());
    layout.integer = var.integer;
    layout.deflate_level = static_cast<int>(level);
    return var.chunks.emplace(std::move(layout));
  }

  void write_chunk(const std::string& name, const EncodedChunk& chunk) {
    require_open();
    const ChunkLayout& layout = chunk_layout(name);
    bool aligned = chunk.offset.size() == layout.shape.size();
    for (std::size_t i = 0; aligned && i < chunk.offset.size(); ++i)
      aligned = chunk.offset[i] < layout.shape[i] && chunk.offset[i] % layout.chunk[i] == 0;
    if (!aligned) throw std::logic_error("variable " + name + ": chunk offset not on the chunk grid");
    const std::vector<hsize_t> offset(chunk.offset.begin(), chunk.offset.end());
    h5::check_status(H5Dwrite_chunk(variable(name).dataset.get(), H5P_DEFAULT, 0, offset.data(),
                                    chunk.bytes.size(), chunk.bytes.data()),
                     "write a chunk of " + name + " to " + temp_path.string());
  }

  template <typename T>
  void set_global(const std::string& name, const T& value) {
    h5::QuietErrors quiet;
    require_open();
    check_name(name, "attribute");
    attributes.write(root.get(), name, value);
  }

  template <typename T>
  void write(const std::string& name, std::span<const std::size_t> leading, std::span<const T> data,
             hid_t memory_type) {
    require_open();
    Var& var = variable(name);
    if (var.integer && !std::is_integral_v<T>)
      throw std::logic_error("variable " + name + " is int32: write int32 values, not doubles");
    if (leading.size() > var.shape.size())
      throw std::logic_error("variable " + name + ": " + std::to_string(leading.size()) +
                             " leading indices for " + std::to_string(var.shape.size()) + " dimensions");
    std::vector<hsize_t> start(var.shape.size(), 0), count(var.shape);
    for (std::size_t i = 0; i < leading.size(); ++i) {
      if (leading[i] >= var.shape[i])
        throw std::out_of_range("variable " + name + ": index " + std::to_string(leading[i]) + " on axis " +
                                std::to_string(i) + " of size " + std::to_string(var.shape[i]));
      start[i] = leading[i];
      count[i] = 1;
    }
    hsize_t expected = 1;
    for (std::size_t i = leading.size(); i < var.shape.size(); ++i) expected *= var.shape[i];
    if (data.size() != expected)
      throw std::logic_error("variable " + name + ": slab of " + std::to_string(data.size()) +
                             " values, expected " + std::to_string(expected));
    if (expected == 0) return;
    const std::string what = "write " + name + " to " + temp_path.string();
    if (var.shape.empty()) {
      h5::check_status(H5Dwrite(var.dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()),
                       what);
      return;
    }
    h5::Handle file_space = h5::dataspace(H5Dget_space(var.dataset.get()), what);
    h5::check_status(
        H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
        what);
    h5::Handle memory_space = h5::block_space(count, what);
    h5::check_status(H5Dwrite(var.dataset.get(), memory_type, memory_space.get(), file_space.get(),
                              H5P_DEFAULT, data.data()),
                     what);
  }
};

ResultsWriter::ResultsWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ResultsWriter::ResultsWriter(std::filesystem::path final_path) : impl_(std::make_unique<Impl>()) {
  h5::QuietErrors quiet;
  impl_->create(std::move(final_path));
}

std::unique_ptr<ResultsWriter> ResultsWriter::amend(const std::filesystem::path& existing) {
  { ResultsReader check(existing); }  // throws InputError for anything but a werkstroom results file
  h5::QuietErrors quiet;
  auto impl = std::make_unique<Impl>();
  impl->open_copy(existing);
  return std::unique_ptr<ResultsWriter>(new ResultsWriter(std::move(impl)));
}

ResultsWriter::~ResultsWriter() = default;

const std::filesystem::path& ResultsWriter::final_path() const { return impl_->final_path; }
const std::filesystem::path& ResultsWriter::temp_path() const { return impl_->temp_path; }

void ResultsWriter::set_attribute(const std::string& name, const std::string& value) {
  impl_->set_global(name, value);
}

void ResultsWriter::set_attribute(const std::string& name, std::int64_t value) {
  impl_->set_global(name, value);
}

void ResultsWriter::set_attribute(const std::string& name, std::uint64_t value) {
  impl_->set_global(name, value);
}

void ResultsWriter::set_attribute(const std::string& name, double value) { impl_->set_global(name, value); }

bool ResultsWriter::has_dimension(const std::string& name) const {
  h5::QuietErrors quiet;
  impl_->require_open();
  return impl_->find_dimension(name) != nullptr;
}

bool ResultsWriter::has_variable(const std::string& name) const {
  h5::QuietErrors quiet;
  impl_->require_open();
  return impl_->vars.count(name) > 0 || h5::is_dataset(impl_->root.get(), name);
}

namespace {

// netCDF-4's NAME of a dimension scale that is not a variable (netCDF-C's DIM_WITHOUT_VARIABLE and the
// length as "%10d"): netCDF-C, netCDF4-python and h5netcdf then see a plain dimension.
std::string pure_dimension_name(hsize_t size) {
  return fmt::format("This is a netCDF dimension but not a netCDF variable.{:10d}", size);
}

}  // namespace

void ResultsWriter::add_dimension(const Dimension& d) {
  h5::QuietErrors quiet;
  Impl& im = *impl_;
  im.require_new(d.name, "dimension");
  const hsize_t size = std::visit([](const auto& v) { return static_cast<hsize_t>(v.size()); }, d.values);
  const std::string what = "dimension " + d.name;
  const auto* names = std::get_if<std::vector<std::string>>(&d.values);
  if (names) im.require_new(schema::name_label(d.name), "variable");
  h5::Handle space = h5::dataspace(H5Screate_simple(1, &size, &size), what);
  h5::Handle dcpl = dataset_create_plist();
  // Names: a dimension without a coordinate variable, as netCDF-C makes it (32-bit floats never written).
  const hid_t file_type = std::visit(
      [&](const auto& v) -> hid_t {
        using T = typename std::decay_t<decltype(v)>::value_type;
        if constexpr (std::is_same_v<T, std::string>) return H5T_IEEE_F32BE;
        if constexpr (std::is_same_v<T, std::int32_t>) return H5T_STD_I32LE;
        if constexpr (std::is_same_v<T, double>) return H5T_IEEE_F64LE;
      },
      d.values);
  h5::Handle ds = h5::dataset(
      H5Dcreate2(im.root.get(), d.name.c_str(), file_type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      "create " + what);
  im.links.insert(d.name);
  if (size > 0 && !names) {
    std::visit(
        [&](const auto& v) {
          using T = typename std::decay_t<decltype(v)>::value_type;
          herr_t status = 0;
          if constexpr (std::is_same_v<T, std::int32_t>) {
            status = H5Dwrite(ds.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
          } else if constexpr (std::is_same_v<T, double>) {
            status = H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
          }
          h5::check_status(status, "write " + what);
        },
        d.values);
  }
  // netCDF-4's layout of a coordinate variable: a dimension scale whose NAME is the dimension name, numbered
  // by _Netcdf4Dimid in the order added.
  const std::string scale_name = names ? pure_dimension_name(size) : d.name;
  h5::check_status(H5DSset_scale(ds.get(), scale_name.c_str()), "make " + what + " a dimension scale");
  im.attributes.write(ds.get(), "_Netcdf4Dimid", im.next_dimid);
  if (!names) {
    for (const auto& [key, value] : d.attributes) {
      check_name(key, "attribute");
      im.attributes.write(ds.get(), key, value);
    }
  }
  ++im.next_dimid;
  const hobj_ref_t ref = object_reference(ds.get(), "reference to " + what);
  im.dims.emplace(d.name, Impl::Dim{std::move(ds), size, ref});
  if (names) add_labels(schema::name_label(d.name), d.name, *names, d.attributes);
}

void ResultsWriter::add_labels(const std::string& name, const std::string& dim,
                               const std::vector<std::string>& values, const Attributes& attributes) {
  h5::QuietErrors quiet;
  Impl& im = *impl_;
  im.require_new(name, "variable");
  const std::string what = "variable " + name;
  Impl::Dim* d = im.find_dimension(dim);
  if (!d) throw std::logic_error(what + ": unknown dimension " + dim + " (add it first)");
  if (values.size() != d->size) throw std::logic_error(what + ": expected one label per " + dim);
  const hsize_t size = d->size;
  h5::Handle space = h5::dataspace(H5Screate_simple(1, &size, &size), what);
  h5::Handle dcpl = dataset_create_plist();
  h5::Handle string_type = h5::utf8_string_type();
  h5::Handle ds = h5::dataset(H5Dcreate2(im.root.get(), name.c_str(), string_type.get(), space.get(),
                                         H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                              "create " + what);
  im.links.insert(name);
  if (size > 0) h5::check_status(write_strings(ds.get(), string_type.get(), values), "write " + what);
  im.attach(ds.get(), {d}, what);
  for (const auto& [key, value] : attributes) {
    check_name(key, "attribute");
    im.attributes.write(ds.get(), key, value);
  }
}

void ResultsWriter::add_variable(const VariableSpec& v) {
  h5::QuietErrors quiet;
  Impl& im = *impl_;
  im.require_new(v.name, "variable");
  const std::string what = "variable " + v.name;
  std::vector<Impl::Dim*> axes;
  std::vector<hsize_t> shape;
  std::vector<std::uint64_t> sizes;
  for (const std::string& dim : v.dims) {
    Impl::Dim* d = im.find_dimension(dim);
    if (!d) throw std::logic_error(what + ": unknown dimension " + dim + " (add it first)");
    axes.push_back(d);
    shape.push_back(d->size);
    sizes.push_back(d->size);
  }
  h5::Handle space =
      shape.empty()
          ? h5::dataspace(H5Screate(H5S_SCALAR), what)
          : h5::dataspace(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), shape.data()), what);
  h5::Handle dcpl = dataset_create_plist();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::int32_t int_fill = kIntegerFill;
  const hid_t file_type = v.integer ? H5T_STD_I32LE : H5T_IEEE_F64LE;
  if (v.integer)
    h5::check_status(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_INT32, &int_fill), what);
  else
    h5::check_status(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &nan), what);
  bool empty = false;
  for (hsize_t s : shape) empty = empty || s == 0;
  if (!shape.empty() && !empty) {  // a chunk needs every size >= 1; scalars and empty arrays stay contiguous
    const std::vector<std::uint64_t> chunk64 = chunk_shape(v.dims, sizes, v.integer ? 4 : 8);
    const std::vector<hsize_t> chunk(chunk64.begin(), chunk64.end());
    h5::check_status(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()),
                     what + " chunks");
    h5::check_status(H5Pset_shuffle(dcpl.get()), what + " shuffle");
    h5::check_status(H5Pset_deflate(dcpl.get(), 1), what + " deflate");
  }
  h5::Handle ds = h5::dataset(
      H5Dcreate2(im.root.get(), v.name.c_str(), file_type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      "create " + what);
  im.links.insert(v.name);
  im.attach(ds.get(), axes, what);
  im.attributes.write(ds.get(), "units", v.units);
  im.attributes.write(ds.get(), "long_name", v.long_name);
  for (const auto& [key, value] : im.with_coordinates(v.name, v.dims, v.attributes)) {
    check_name(key, "attribute");
    im.attributes.write(ds.get(), key, value);
  }
  // The same type as the variable, as netCDF requires: xarray masks these values as missing.
  if (v.complete) {
    // always written: nothing to mask
  } else if (v.integer) {
    im.attributes.write(ds.get(), "_FillValue", int_fill);
  } else {
    im.attributes.write(ds.get(), "_FillValue", nan);
  }
  im.vars.emplace(v.name, Impl::Var{std::move(ds), std::move(shape), v.integer, {}});
}

void ResultsWriter::write(const std::string& variable, std::span<const std::size_t> leading,
                          std::span<const double> data) {
  h5::QuietErrors quiet;
  impl_->write(variable, leading, data, H5T_NATIVE_DOUBLE);
}

void ResultsWriter::write(const std::string& variable, std::span<const std::size_t> leading,
                          std::span<const std::int32_t> data) {
  h5::QuietErrors quiet;
  impl_->write(variable, leading, data, H5T_NATIVE_INT32);
}

ChunkLayout ResultsWriter::chunk_layout(const std::string& variable) {
  h5::QuietErrors quiet;
  impl_->require_open();
  return impl_->chunk_layout(variable);
}

void ResultsWriter::write_chunk(const std::string& variable, const EncodedChunk& chunk) {
  h5::QuietErrors quiet;
  impl_->write_chunk(variable, chunk);
}

void ResultsWriter::commit() {
  h5::QuietErrors quiet;
  Impl& im = *impl_;
  im.require_open();
  try {
    im.write_reference_lists();
  } catch (...) {
    im.close_all();  // not committed: the destructor deletes the temp file
    throw;
  }
  if (!im.close_all())
    throw std::runtime_error("cannot close " + im.temp_path.string() + ": " + h5::last_error());
  durable_replace(im.temp_path, im.final_path);
  im.committed = true;
  release_temp_path(im.temp_path);
  im.claimed = false;
}

}  // namespace ws::output
