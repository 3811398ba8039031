# floe_add_layer(NAME DIR [DEPS layer...] [LIBS target...])
#
# One static library per layer of DESIGN.md: floe_<name>, aliased floe::<name>, built from every
# .cc file under src/floe/<dir> (recursively). Public headers (every .h not ending in _internal.h)
# install as floe/<dir>/<file>.h. A layer with no sources yet is an INTERFACE library.
function(floe_add_layer name dir)
  cmake_parse_arguments(ARG "" "" "DEPS;LIBS" ${ARGN})
  set(src_dir ${PROJECT_SOURCE_DIR}/src/floe/${dir})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${src_dir}/*.cc)
  list(FILTER sources EXCLUDE REGEX ".*_main\\.cc$")
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS RELATIVE ${src_dir} ${src_dir}/*.h)
  list(FILTER headers EXCLUDE REGEX ".*_internal\\.h$")
  set(target floe_${name})
  if(sources)
    add_library(${target} STATIC ${sources})
    set(scope PUBLIC)
  else()
    add_library(${target} INTERFACE)
    set(scope INTERFACE)
  endif()
  add_library(floe::${name} ALIAS ${target})
  target_include_directories(${target} ${scope}
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/src>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  set(deps)
  foreach(d IN LISTS ARG_DEPS)
    list(APPEND deps floe_${d})
  endforeach()
  target_link_libraries(${target} ${scope} ${deps} ${ARG_LIBS})
  if(FLOE_SANITIZE)
    # Sanitized static libraries need the sanitizer runtimes in whatever links them.
    target_link_options(${target} ${scope} -fsanitize=address,undefined)
  endif()
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name} OUTPUT_NAME floe_${name})
  install(TARGETS ${target} EXPORT floeTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  foreach(h IN LISTS headers)
    get_filename_component(h_dir ${h} DIRECTORY)
    install(FILES ${src_dir}/${h} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/floe/${dir}/${h_dir})
  endforeach()
endfunction()
