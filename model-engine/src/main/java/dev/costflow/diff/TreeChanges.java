package dev.costflow.diff;

import dev.costflow.diff.Change.Edit;
import dev.costflow.diff.Change.Kind;
import dev.costflow.model.ModelReader;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import dev.costflow.yaml.YamlWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tree side of a model diff: normalizes model trees so that they can be compared and edited
 * key by key, finds the changes between two trees and applies any subset of them to the base.
 *
 * <p>Normalized tree: the calls of each service are a mapping keyed {@code target#occurrence}
 * (the first call to {@code orders} is {@code orders#0}), so that calls are matched by what they
 * call rather than by their index; {@code samples:} and {@code series:} file names are resolved
 * to absolute paths (so values from either model can be mixed), and two references are the same
 * when the files' contents are the same.
 */
final class TreeChanges {
  static final Position GENERATED = Position.of("(diff)");

  /** The keys whose values name data files, resolved against the model's directory. */
  static final Set<String> FILE_KEYS = Set.of("samples", "series");

  private TreeChanges() {}

  /** One normalized model with what is needed to describe its values. */
  static final class Side {
    final YMap root;
    /** Absolute file path → the name as written in the model (for descriptions). */
    final Map<String, String> fileNames = new LinkedHashMap<>();
    /** Absolute file path → SHA-256 of its content ("missing" when unreadable). */
    final Map<String, String> fileDigests = new LinkedHashMap<>();

    Side(YNode tree, Path baseDir) {
      if (!(tree instanceof YMap m)) {
        throw new IllegalArgumentException("a model tree is a mapping");
      }
      this.root = normalizeRoot(m, baseDir.toAbsolutePath().normalize());
    }

    private Side(YMap root) {
      this.root = root;
    }

    /** The same model settings without services: what a missing model is compared as. */
    Side withoutServices() {
      Side s = new Side(root.with("services", GENERATED, new YMap(List.of(), GENERATED)));
      s.fileNames.putAll(fileNames);
      s.fileDigests.putAll(fileDigests);
      return s;
    }

    private YMap normalizeRoot(YMap m, Path baseDir) {
      Optional<YNode> services = m.get("services");
      if (services.isEmpty() || !(services.get() instanceof YMap sm)) {
        return m;
      }
      List<YEntry> out = new ArrayList<>();
      for (YEntry e : sm.entries()) {
        YNode v = e.value();
        if (v instanceof YMap svc) {
          v = resolveFiles(normalizeCalls(svc), baseDir);
        }
        out.add(new YEntry(e.key(), e.keyPos(), v));
      }
      return m.with("services", m.entry("services").orElseThrow().keyPos(), new YMap(out, sm.pos()));
    }

    private YNode resolveFiles(YNode n, Path baseDir) {
      if (n instanceof YMap m) {
        List<YEntry> out = new ArrayList<>();
        for (YEntry e : m.entries()) {
          YNode v = e.value();
          if (FILE_KEYS.contains(e.key()) && v instanceof YScalar s && s.kind() == YScalar.Kind.STRING && !s.text().isBlank()) {
            Path abs = baseDir.resolve(s.text()).normalize();
            String key = abs.toString();
            fileNames.putIfAbsent(key, s.text());
            fileDigests.computeIfAbsent(key, k -> digest(abs));
            v = new YScalar(key, YScalar.Kind.STRING, s.pos());
          } else {
            v = resolveFiles(v, baseDir);
          }
          out.add(new YEntry(e.key(), e.keyPos(), v));
        }
        return new YMap(out, m.pos());
      }
      if (n instanceof YList l) {
        List<YNode> items = new ArrayList<>();
        for (YNode i : l.items()) {
          items.add(resolveFiles(i, baseDir));
        }
        return new YList(items, l.pos());
      }
      return n;
    }

    String fileName(String absolute) {
      return fileNames.getOrDefault(absolute, absolute);
    }
  }

  /** A service's {@code calls:} list as a mapping keyed {@code target#occurrence}. */
  static YMap normalizeCalls(YMap svc) {
    Optional<YEntry> ce = svc.entry("calls");
    if (ce.isEmpty() || !(ce.get().value() instanceof YList list)) {
      return svc;
    }
    Map<String, Integer> seen = new LinkedHashMap<>();
    List<YEntry> calls = new ArrayList<>();
    for (YNode item : list.items()) {
      YMap call;
      if (item instanceof YScalar s && s.kind() == YScalar.Kind.STRING) {
        call = new YMap(List.of(new YEntry("to", s.pos(), s)), s.pos());
      } else if (item instanceof YMap m) {
        call = m;
      } else {
        return svc; // not a valid model; leave it as it is
      }
      String to = call.get("to").filter(t -> t instanceof YScalar).map(t -> ((YScalar) t).text()).orElse("?");
      int k = seen.merge(to, 1, Integer::sum) - 1;
      calls.add(new YEntry(callKey(to, k), call.pos(), call));
    }
    return svc.with("calls", ce.get().keyPos(), new YMap(calls, list.pos()));
  }

  static String callKey(String to, int occurrence) {
    return to + "#" + occurrence;
  }

  static String callTarget(String callKey) {
    return callKey.substring(0, callKey.lastIndexOf('#'));
  }

  static int callOccurrence(String callKey) {
    return Integer.parseInt(callKey.substring(callKey.lastIndexOf('#') + 1));
  }

  /** Back to the model file's shape: calls as lists again. */
  static YMap denormalize(YMap root) {
    Optional<YNode> services = root.get("services");
    if (services.isEmpty() || !(services.get() instanceof YMap sm)) {
      return root;
    }
    List<YEntry> out = new ArrayList<>();
    for (YEntry e : sm.entries()) {
      YNode v = e.value();
      if (v instanceof YMap svc && svc.get("calls").orElse(null) instanceof YMap calls) {
        List<YNode> items = new ArrayList<>();
        for (YEntry c : calls.entries()) {
          items.add(c.value());
        }
        v = svc.with("calls", svc.entry("calls").orElseThrow().keyPos(), new YList(items, calls.pos()));
      }
      out.add(new YEntry(e.key(), e.keyPos(), v));
    }
    return root.with("services", root.entry("services").orElseThrow().keyPos(), new YMap(out, sm.pos()));
  }

  /** Whether a (normalized) model has at least one service. */
  static boolean hasServices(YMap root) {
    return root.get("services").orElse(null) instanceof YMap sm && !sm.isEmpty();
  }

  // ------------------------------------------------------------------ applying edits

  static YMap apply(YMap root, List<Change> changes) {
    YMap out = root;
    for (Change c : changes) {
      for (Edit e : c.edits()) {
        out = set(out, e.path(), e.value());
      }
    }
    return out;
  }

  private static YMap set(YMap m, List<String> path, Optional<YNode> value) {
    String key = path.get(0);
    if (path.size() == 1) {
      return value.map(v -> m.with(key, v.pos(), v)).orElseGet(() -> m.without(key));
    }
    YMap child = m.get(key).orElse(null) instanceof YMap cm ? cm : new YMap(List.of(), GENERATED);
    Position keyPos = m.entry(key).map(YEntry::keyPos).orElse(GENERATED);
    return m.with(key, keyPos, set(child, path.subList(1, path.size()), value));
  }

  // ------------------------------------------------------------------ finding changes

  /** The changes that turn {@code base} into {@code head}, in model order. */
  static List<Change> changes(Side base, Side head, boolean settings) {
    Finder f = new Finder(base, head);
    if (settings) {
      f.settings();
    }
    f.services();
    f.linkRequirements();
    return f.out;
  }

  private static final class Finder {
    final Side base;
    final Side head;
    final List<Change> out = new ArrayList<>();
    final Map<String, Set<String>> requires = new LinkedHashMap<>();

    Finder(Side base, Side head) {
      this.base = base;
      this.head = head;
    }

    void settings() {
      for (String key : union(base.root, head.root)) {
        if (key.equals("services")) {
          continue;
        }
        Optional<YNode> b = base.root.get(key);
        Optional<YNode> h = head.root.get(key);
        if (key.equals("pricing") && b.orElse(null) instanceof YMap bp && h.orElse(null) instanceof YMap hp) {
          for (String pk : union(bp, hp)) {
            Optional<YNode> bv = bp.get(pk);
            Optional<YNode> hv = hp.get(pk);
            if (pk.equals("overrides") && bv.orElse(null) instanceof YMap bo && hv.orElse(null) instanceof YMap ho) {
              for (String meter : union(bo, ho)) {
                setting(List.of("pricing", "overrides", meter), "price override " + meter, bo.get(meter), ho.get(meter));
              }
            } else {
              setting(List.of("pricing", pk), "pricing." + pk, bv, hv);
            }
          }
        } else {
          setting(List.of(key), key, b, h);
        }
      }
    }

    private void setting(List<String> path, String label, Optional<YNode> b, Optional<YNode> h) {
      if (same(b, h, null)) {
        return;
      }
      String key = String.join(".", path);
      String unit = unit(path.get(path.size() - 1));
      add(new Change(key, Kind.SETTING, Optional.empty(), key, show(b, base), show(h, head),
          label + " " + fromTo(b, h, unit), List.of(new Edit(path, h)), Set.of()));
    }

    void services() {
      YMap bs = servicesOf(base.root);
      YMap hs = servicesOf(head.root);
      for (String id : union(bs, hs)) {
        Optional<YNode> b = bs.get(id);
        Optional<YNode> h = hs.get(id);
        String path = "services." + id;
        List<String> treePath = List.of("services", id);
        if (b.isEmpty()) {
          add(new Change(path, Kind.SERVICE_ADDED, Optional.of(id), path, Optional.empty(), Optional.of(typeOf(h.get())),
              "new service " + id + " (" + typeOf(h.get()) + ")", List.of(new Edit(treePath, h)), Set.of()));
          continue;
        }
        if (h.isEmpty()) {
          add(new Change(path, Kind.SERVICE_REMOVED, Optional.of(id), path, Optional.of(typeOf(b.get())), Optional.empty(),
              "removed service " + id + " (" + typeOf(b.get()) + ")", List.of(new Edit(treePath, Optional.empty())), Set.of()));
          continue;
        }
        if (same(b, h, null)) {
          continue;
        }
        if (!(b.get() instanceof YMap bm) || !(h.get() instanceof YMap hm) || !typeOf(bm).equals(typeOf(hm))) {
          add(new Change(path, Kind.SERVICE_REPLACED, Optional.of(id), path, Optional.of(typeOf(b.get())), Optional.of(typeOf(h.get())),
              id + ": type " + typeOf(b.get()) + " → " + typeOf(h.get()) + " (priced as a new service)", List.of(new Edit(treePath, h)), Set.of()));
          continue;
        }
        serviceKeys(id, bm, hm);
      }
    }

    private void serviceKeys(String id, YMap bm, YMap hm) {
      for (String key : union(bm, hm)) {
        Optional<YNode> b = bm.get(key);
        Optional<YNode> h = hm.get(key);
        if (same(b, h, key)) {
          continue;
        }
        if (key.equals("calls") && (b.isEmpty() || b.get() instanceof YMap) && (h.isEmpty() || h.get() instanceof YMap)) {
          calls(id, (YMap) b.orElse(new YMap(List.of(), GENERATED)), (YMap) h.orElse(new YMap(List.of(), GENERATED)));
        } else if (key.equals("traffic") && b.orElse(null) instanceof YMap bt && h.orElse(null) instanceof YMap ht) {
          traffic(id, bt, ht);
        } else {
          String path = "services." + id + "." + key;
          List<String> treePath = List.of("services", id, key);
          String unit = unit(key);
          String words = b.isEmpty() ? id + ": " + key + " set to " + show(h, head).orElse("") + unitAfter(h, unit)
              : h.isEmpty() ? id + ": " + key + " " + show(b, base).orElse("") + unitAfter(b, unit) + " removed (the default applies)"
              : id + ": " + key + " " + fromTo(b, h, unit);
          add(new Change(path, Kind.SERVICE_SETTING, Optional.of(id), path, show(b, base), show(h, head), words, List.of(new Edit(treePath, h)), Set.of()));
        }
      }
    }

    private void traffic(String id, YMap bt, YMap ht) {
      List<String> rateKeys = ModelReader.TRAFFIC_RATES;
      // The rate (exactly one of monthly, daily, … in a valid model) is one change even when its key changes.
      Optional<String> bRate = rateKeys.stream().filter(k -> bt.get(k).isPresent()).findFirst();
      Optional<String> hRate = rateKeys.stream().filter(k -> ht.get(k).isPresent()).findFirst();
      boolean rateSame = bRate.equals(hRate) && bRate.map(k -> same(bt.get(k), ht.get(k), k)).orElse(true);
      if (!rateSame) {
        List<Edit> edits = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        bRate.ifPresent(keys::add);
        hRate.ifPresent(keys::add);
        for (String k : keys) {
          edits.add(new Edit(List.of("services", id, "traffic", k), ht.get(k)));
        }
        String path = "services." + id + ".traffic." + hRate.or(() -> bRate).orElse("rate");
        Optional<String> before = bRate.map(k -> k + " " + show(bt.get(k), base).orElse(""));
        Optional<String> after = hRate.map(k -> k + " " + show(ht.get(k), head).orElse(""));
        String words;
        if (bRate.equals(hRate) && bRate.isPresent()) {
          words = id + ": traffic " + bRate.get() + " " + fromTo(bt.get(bRate.get()), ht.get(hRate.get()), "");
        } else {
          words = id + ": traffic " + before.orElse("(none)") + " → " + after.orElse("(none)");
        }
        add(new Change(path, Kind.SERVICE_SETTING, Optional.of(id), path, before, after, words, edits, Set.of()));
      }
      for (String key : union(bt, ht)) {
        if (rateKeys.contains(key)) {
          continue;
        }
        Optional<YNode> b = bt.get(key);
        Optional<YNode> h = ht.get(key);
        if (same(b, h, key)) {
          continue;
        }
        String path = "services." + id + ".traffic." + key;
        String unit = unit(key);
        String words = b.isEmpty() ? id + ": traffic " + key + " set to " + show(h, head).orElse("") + unitAfter(h, unit)
            : h.isEmpty() ? id + ": traffic " + key + " " + show(b, base).orElse("") + unitAfter(b, unit) + " removed (the default applies)"
            : id + ": traffic " + key + " " + fromTo(b, h, unit);
        add(new Change(path, Kind.SERVICE_SETTING, Optional.of(id), path, show(b, base), show(h, head), words,
            List.of(new Edit(List.of("services", id, "traffic", key), h)), Set.of()));
      }
    }

    private void calls(String id, YMap bc, YMap hc) {
      String sourceType = typeOf(servicesOf(head.root).get(id).orElseThrow());
      for (String ck : union(bc, hc)) {
        Optional<YNode> b = bc.get(ck);
        Optional<YNode> h = hc.get(ck);
        if (same(b, h, null)) {
          continue;
        }
        String to = callTarget(ck);
        int occ = callOccurrence(ck);
        String path = "services." + id + ".calls[" + ck + "]";
        List<String> treePath = List.of("services", id, "calls", ck);
        String nth = occ == 0 ? "" : " (call " + (occ + 1) + " to " + to + ")";
        if (b.isEmpty() || h.isEmpty()) {
          boolean added = b.isEmpty();
          YNode call = added ? h.get() : b.get();
          Side side = added ? head : base;
          String settings = callSettings(call, side);
          String words = callWords(added, sourceType, id, to) + nth + (settings.isEmpty() ? "" : " (" + settings + ")");
          add(new Change(path, added ? Kind.CALL_ADDED : Kind.CALL_REMOVED, Optional.of(id), path,
              added ? Optional.empty() : show(b, base), added ? show(h, head) : Optional.empty(), words, List.of(new Edit(treePath, h)), Set.of()));
          continue;
        }
        if (!(b.get() instanceof YMap bm) || !(h.get() instanceof YMap hm)) {
          add(new Change(path, Kind.CALL_SETTING, Optional.of(id), path, show(b, base), show(h, head),
              edgeName(sourceType, id, to) + nth + ": " + fromTo(b, h, ""), List.of(new Edit(treePath, h)), Set.of()));
          continue;
        }
        for (String key : union(bm, hm)) {
          Optional<YNode> bv = bm.get(key);
          Optional<YNode> hv = hm.get(key);
          if (same(bv, hv, key)) {
            continue;
          }
          String unit = unit(key);
          String words = bv.isEmpty() ? key + " set to " + show(hv, head).orElse("") + unitAfter(hv, unit)
              : hv.isEmpty() ? key + " " + show(bv, base).orElse("") + unitAfter(bv, unit) + " removed (the default applies)"
              : key + " " + fromTo(bv, hv, unit);
          List<String> kp = new ArrayList<>(treePath);
          kp.add(key);
          add(new Change(path + "." + key, Kind.CALL_SETTING, Optional.of(id), path + "." + key, show(bv, base), show(hv, head),
              edgeName(sourceType, id, to) + nth + ": " + words, List.of(new Edit(kp, hv)), Set.of()));
        }
      }
    }

    /** Which changes need which others for the model to stay valid (see {@link Change#requires()}). */
    void linkRequirements() {
      Map<String, Change> byKey = new LinkedHashMap<>();
      for (Change c : out) {
        byKey.put(c.key(), c);
      }
      YMap bs = servicesOf(base.root);
      YMap hs = servicesOf(head.root);
      List<Change> linked = new ArrayList<>();
      for (Change c : out) {
        Set<String> req = new LinkedHashSet<>();
        switch (c.kind()) {
          case CALL_ADDED -> {
            String to = callTarget(lastCallKey(c.path()));
            addIfPresent(req, byKey, "services." + to, Kind.SERVICE_ADDED);
          }
          case SERVICE_ADDED, SERVICE_REPLACED -> {
            String id = c.serviceId().orElseThrow();
            for (String to : targets(hs.get(id).orElseThrow())) {
              if (!to.equals(id)) {
                addIfPresent(req, byKey, "services." + to, Kind.SERVICE_ADDED);
              }
            }
          }
          case SERVICE_REMOVED -> {
            String id = c.serviceId().orElseThrow();
            for (YEntry e : bs.entries()) {
              if (e.key().equals(id) || !(e.value() instanceof YMap svc) || !(svc.get("calls").orElse(null) instanceof YMap calls)) {
                continue;
              }
              for (String ck : calls.keys()) {
                if (callTarget(ck).equals(id)) {
                  String callerPath = "services." + e.key();
                  Change caller = byKey.get(callerPath);
                  if (caller != null) {
                    req.add(caller.key()); // the caller is removed or replaced as a whole
                  } else {
                    String callPath = callerPath + ".calls[" + ck + "]";
                    if (byKey.containsKey(callPath)) {
                      req.add(callPath);
                    }
                  }
                }
              }
            }
          }
          default -> {}
        }
        linked.add(new Change(c.key(), c.kind(), c.serviceId(), c.path(), c.before(), c.after(), c.description(), c.edits(), req));
      }
      out.clear();
      out.addAll(linked);
    }

    private static String lastCallKey(String path) {
      int open = path.lastIndexOf('[');
      return path.substring(open + 1, path.indexOf(']', open));
    }

    private static void addIfPresent(Set<String> req, Map<String, Change> byKey, String key, Kind kind) {
      Change c = byKey.get(key);
      if (c != null && c.kind() == kind) {
        req.add(key);
      }
    }

    private static List<String> targets(YNode svc) {
      List<String> t = new ArrayList<>();
      if (svc instanceof YMap m && m.get("calls").orElse(null) instanceof YMap calls) {
        for (String ck : calls.keys()) {
          t.add(callTarget(ck));
        }
      }
      return t;
    }

    private void add(Change c) {
      out.add(c);
    }

    // -------------------------------------------------------------- words

    private String fromTo(Optional<YNode> b, Optional<YNode> h, String unit) {
      String before = show(b, base).orElse("(none)");
      String after = show(h, head).orElse("(none)");
      boolean bothNumbers = b.orElse(null) instanceof YScalar bs && bs.isNumber() && h.orElse(null) instanceof YScalar hs && hs.isNumber();
      if (isFileRef(b) && isFileRef(h) && before.equals(after)) {
        return before + " (file content changed)";
      }
      if (bothNumbers) {
        return before + " → " + after + unit;
      }
      return before + unitAfter(b, unit) + " → " + after + unitAfter(h, unit);
    }

    private boolean isFileRef(Optional<YNode> n) {
      return n.orElse(null) instanceof YMap m && m.get("samples").isPresent();
    }

    private static String unitAfter(Optional<YNode> v, String unit) {
      return v.orElse(null) instanceof YScalar s && s.isNumber() ? unit : "";
    }

    private String callSettings(YNode call, Side side) {
      if (!(call instanceof YMap m)) {
        return "";
      }
      List<String> parts = new ArrayList<>();
      for (YEntry e : m.entries()) {
        if (e.key().equals("to") || e.key().equals("description")) {
          continue;
        }
        parts.add(e.key() + ": " + render(e.value(), side));
      }
      String s = String.join(", ", parts);
      return s.length() > 60 ? "" : s;
    }

    private Optional<String> show(Optional<YNode> n, Side side) {
      return n.map(v -> render(v, side));
    }

    // -------------------------------------------------------------- equality

    /** Structural equality ignoring positions; data files compare by content. */
    private boolean same(Optional<YNode> a, Optional<YNode> b, String key) {
      if (a.isEmpty() || b.isEmpty()) {
        return a.isEmpty() && b.isEmpty();
      }
      return same(a.get(), b.get(), key);
    }

    private boolean same(YNode a, YNode b, String key) {
      if (a instanceof YScalar x && b instanceof YScalar y) {
        if (key != null && FILE_KEYS.contains(key) && x.kind() == YScalar.Kind.STRING && y.kind() == YScalar.Kind.STRING) {
          String dx = base.fileDigests.get(x.text());
          String dy = head.fileDigests.get(y.text());
          if (dx != null && dy != null) {
            return dx.equals(dy) && !dx.startsWith("missing");
          }
        }
        if (x.isNumber() && y.isNumber()) {
          try {
            return new BigDecimal(x.text().replace("_", "")).compareTo(new BigDecimal(y.text().replace("_", ""))) == 0;
          } catch (NumberFormatException e) {
            return x.text().equals(y.text());
          }
        }
        return x.kind() == y.kind() && x.text().equals(y.text());
      }
      if (a instanceof YList x && b instanceof YList y) {
        if (x.items().size() != y.items().size()) {
          return false;
        }
        for (int i = 0; i < x.items().size(); i++) {
          if (!same(x.items().get(i), y.items().get(i), null)) {
            return false;
          }
        }
        return true;
      }
      if (a instanceof YMap x && b instanceof YMap y) {
        if (!new LinkedHashSet<>(x.keys()).equals(new LinkedHashSet<>(y.keys()))) {
          return false;
        }
        for (YEntry e : x.entries()) {
          if (!same(e.value(), y.get(e.key()).orElseThrow(), e.key())) {
            return false;
          }
        }
        return true;
      }
      return false;
    }
  }

  /** Whether two normalized service definitions are the same (used for the per-service status). */
  static boolean sameService(Side base, Side head, YNode a, YNode b) {
    Finder f = new Finder(base, head);
    return f.same(Optional.of(a), Optional.of(b), null);
  }

  // ------------------------------------------------------------------ helpers

  static YMap servicesOf(YMap root) {
    return root.get("services").orElse(null) instanceof YMap m ? m : new YMap(List.of(), GENERATED);
  }

  static String typeOf(YNode svc) {
    if (svc instanceof YMap m && m.get("type").orElse(null) instanceof YScalar s) {
      return s.text();
    }
    return "?";
  }

  /** Keys of two mappings: the head's order, then keys only in the base. */
  static List<String> union(YMap base, YMap head) {
    Set<String> keys = new LinkedHashSet<>(head.keys());
    keys.addAll(base.keys());
    return new ArrayList<>(keys);
  }

  /** The display unit of a key, from its name: memory_mb → " MB". */
  static String unit(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.equals("kb") || k.endsWith("_kb")) {
      return " KB";
    }
    if (k.endsWith("_mb")) {
      return " MB";
    }
    if (k.endsWith("_gb")) {
      return " GB";
    }
    if (k.endsWith("_ms")) {
      return " ms";
    }
    if (k.endsWith("_pct")) {
      return " %";
    }
    if (k.endsWith("_min")) {
      return " min";
    }
    if (k.endsWith("_hours")) {
      return " h";
    }
    if (k.endsWith("_s")) {
      return " s";
    }
    return "";
  }

  private static String callWords(boolean added, String sourceType, String source, String target) {
    String verb = added ? "new" : "removed";
    return switch (sourceType) {
      case "aws.sns" -> verb + " subscriber " + target + (added ? " on " : " from ") + source;
      case "aws.eventbridge" -> verb + " target " + target + (added ? " on " : " from ") + source;
      case "aws.sqs", "aws.kinesis" -> verb + " consumer " + target + " of " + source;
      default -> verb + " call " + source + " → " + target;
    };
  }

  private static String edgeName(String sourceType, String source, String target) {
    return switch (sourceType) {
      case "aws.sns" -> "subscription " + source + " → " + target;
      default -> source + " → " + target;
    };
  }

  /** One line of YAML for a value, with data file names as written and big counts grouped (30,000,000). */
  static String render(YNode v, Side side) {
    if (v instanceof YScalar s) {
      if (s.kind() == YScalar.Kind.INT && s.text().replace("_", "").matches("^[-+]?\\d{5,}$")) {
        return String.format(Locale.US, "%,d", new BigDecimal(s.text().replace("_", "")).toBigInteger());
      }
      if (s.kind() == YScalar.Kind.STRING && side.fileNames.containsKey(s.text())) {
        return YamlWriter.scalar(new YScalar(side.fileName(s.text()), YScalar.Kind.STRING, s.pos()));
      }
      return YamlWriter.scalar(s);
    }
    if (v instanceof YList l) {
      List<String> parts = new ArrayList<>();
      for (YNode i : l.items()) {
        parts.add(render(i, side));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    YMap m = (YMap) v;
    List<String> parts = new ArrayList<>();
    for (YEntry e : m.entries()) {
      parts.add(e.key() + ": " + render(e.value(), side));
    }
    return "{" + String.join(", ", parts) + "}";
  }

  static String digest(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (IOException | RuntimeException e) {
      return "missing:" + file;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
