import Foundation
import Testing
@testable import Spec

private let header = "version: 1\nproxy: { host: proxy.example.com, port: 8443, tls_domain: www.example.com }\n"
private let fleet = header + """
    nodes:
      eu-1: { host: eu1.example.com, weight: 2, labels: [eu], region: eu-west }
      eu-2: { host: eu2.example.com, labels: [eu] }
      us-1: { host: us1.example.com, port: 443, tls_domain: www.example.org, labels: [us] }
    plans:
      basic: { data_limit: 50 GiB, reset: monthly, max_unique_ips: 2, replicas: 1 }
      pro: { data_limit: 500 GiB, reset: monthly, replicas: 2 }

    """

private func errors(_ text: String) throws -> [String] {
    let error = try #require(throws: SpecValidationError.self) { try SpecLoader.load([source("users.yaml", text)]) }
    return error.errors.map(\.description)
}

@Test func theDesignsFleetExampleLoads() throws {
    let text = fleet + "defaults: { plan: basic }\nusers:\n  alice: { plan: pro }\n  bob: { nodes: [eu-1] }\n"
        + "  carol: { plan: pro, data_limit: 1 TiB }\n  dave: { nodes: { labels: [eu] } }\n"
    let state = try SpecLoader.load([source("users.yaml", text)]).state
    #expect(state.nodes.map(\.name) == ["eu-1", "eu-2", "us-1"])
    #expect(state.node(named: "eu-1") == NodeSpec(name: "eu-1", endpoint: ProxyEndpoint(host: "eu1.example.com", port: 8443, tlsDomain: "www.example.com"),
                                                  weight: 2, region: "eu-west", labels: ["eu"], location: SourceLocation(file: "users.yaml", line: 4, column: 3)))
    #expect(state.node(named: "us-1")?.endpoint == ProxyEndpoint(host: "us1.example.com", port: 443, tlsDomain: "www.example.org"))
    #expect(state.plans.map(\.name) == ["basic", "pro"] && state.plan(named: "pro")?.replicas == 2)
    let alice = try #require(state.user(named: "alice"))
    #expect(alice.plan == "pro" && alice.dataLimit == .bytes(500 << 30) && alice.reset == .monthly && alice.maxUniqueIPs == nil)
    #expect(alice.placement == PlacementRequest(selector: .all, replicas: 2))
    let bob = try #require(state.user(named: "bob"))
    #expect(bob.plan == "basic" && bob.maxUniqueIPs == 2)
    #expect(bob.placement == PlacementRequest(selector: .pinned(["eu-1"])), "a user's own list drops the plan's replicas")
    #expect(state.user(named: "carol")?.dataLimit == .bytes(1 << 40))
    #expect(state.user(named: "dave")?.placement == PlacementRequest(selector: .labels(["eu"]), replicas: 1))
}

/// The user's field, then the plan's, then `defaults:`; for placement the layer closer to the user wins.
@Test func precedenceIsUserThenPlanThenDefaults() throws {
    let text = fleet + """
        defaults: { plan: basic, data_limit: 1 GiB, max_connections: 4, max_unique_ips: 9, nodes: [us-1] }
        users:
          a: {}
          b: { plan: pro }
          c: { plan: pro, max_unique_ips: 5, reset: daily }
          d: { replicas: 2 }
          e: { nodes: { labels: [eu] } }
        """
    let state = try SpecLoader.load([source("users.yaml", text)]).state
    let user = { (name: String) in try #require(state.user(named: name)) }
    #expect(try user("a").dataLimit == .bytes(50 << 30) && user("a").maxUniqueIPs == 2 && user("a").maxConnections == 4)
    #expect(try user("a").placement == PlacementRequest(selector: .all, replicas: 1), "the plan's replicas beat a default list")
    #expect(try user("b").dataLimit == .bytes(500 << 30) && user("b").maxUniqueIPs == 9, "a field the plan leaves out comes from defaults")
    #expect(try user("c").maxUniqueIPs == 5 && user("c").reset == .daily && user("c").dataLimit == .bytes(500 << 30))
    #expect(try user("d").placement == PlacementRequest(selector: .all, replicas: 2))
    #expect(try user("e").placement == PlacementRequest(selector: .labels(["eu"]), replicas: 1))
}

@Test func plansWorkWithoutNodes() throws {
    let text = header + "plans:\n  basic: { data_limit: 5 GB }\n  unused: { reset: daily }\nusers:\n  a: { plan: basic }\n  b: {}\n"
    let state = try SpecLoader.load([source("users.yaml", text)]).state
    #expect(state.user(named: "a")?.dataLimit == .bytes(5_000_000_000) && state.user(named: "a")?.placement == .everywhere)
    #expect(state.user(named: "b")?.plan == nil && state.nodes.isEmpty)
}

@Test func aSpecWithoutFleetSectionsHasNoNodesAndEveryUserEverywhere() throws {
    let state = try SpecLoader.load([source("users.yaml", header + "users:\n  a: { data_limit: 1 GiB }\n")]).state
    #expect(state.nodes.isEmpty && state.plans.isEmpty)
    #expect(state.users.allSatisfy { $0.plan == nil && $0.placement == .everywhere })
}

@Test func nodeSectionErrors() throws {
    let text = header + """
        nodes:
          eu-1: { host: "https://eu1", weigth: 2, weight: 0, labels: [eu, eu] }
          eu 2: { host: eu2.example.com }
          eu-3: { port: 80, labels: eu }
          eu-4:
          eu-1: { host: eu1.example.com }
        users:
          a:
        """
    let actual = try errors(text)
    #expect(actual == [
        "users.yaml:4:17: error: `host`: `https://eu1` is not a host name or IP address (write the host without a scheme or port, like `proxy.example.com`)",
        "users.yaml:4:32: error: unknown key `weigth` in node `eu-1` (did you mean `weight`?)",
        "users.yaml:4:51: error: `weight`: `0` is out of range (write between 1 and 1000000)",
        "users.yaml:4:67: error: `labels`: `eu` is listed twice (first at column 63 of line 4) (remove one of the two)",
        "users.yaml:5:3: error: invalid node name `eu 2` (use 1 to 64 letters, digits, `_`, `.` or `-`, as for users, and not only dots)",
        "users.yaml:6:3: error: node `eu-3` has no `host` (add `host: eu-3.example.com` under `eu-3:`)",
        "users.yaml:6:29: error: `labels`: expected a list of names, found a string (write it like `labels: [eu]`)",
        "users.yaml:7:3: error: node `eu-4` has no `host` (add `host: eu-4.example.com` under `eu-4:`)",
        "users.yaml:8:3: error: duplicate key `eu-1` (first defined at line 4) (keep one of the two)",
    ])
    #expect(try errors(header + "nodes:\n  \"..\": { host: a.example.com }\n  x: { host: x.example.com }\nusers:\n  a:\n") == [
        "users.yaml:4:3: error: invalid node name `..` (use 1 to 64 letters, digits, `_`, `.` or `-`, as for users, and not only dots)",
    ], "`..` names no status file")
    #expect(try errors(header + "nodes:\nusers:\n  a:\n") == [
        "users.yaml:3:1: error: `nodes` lists no node (add a node like `eu-1: { host: eu1.example.com }`, or remove `nodes:` for a single proxy)",
    ])
}

@Test func planSectionErrors() throws {
    let text = header + """
        plans:
          basic: { data_limit: 5 GB, expire: 2027-01-01, reste: daily, replicas: 1 }
          "bad plan": {}
        users:
          a: { plan: basci }
          b: { plan: nothing }
        """
    let actual = try errors(text)
    #expect(actual == [
        "users.yaml:4:30: error: `expire` cannot be set in a plan (plans hold `data_limit`, `reset`, `max_connections`, `max_unique_ips`, `replicas`; set `expire` on the user or under `defaults:`)",
        "users.yaml:4:50: error: unknown key `reste` in plan `basic` (did you mean `reset`?)",
        "users.yaml:4:74: error: `replicas` needs a `nodes:` section listing the proxy hosts (add `nodes:` at the top level, like `nodes: { eu-1: { host: eu1.example.com } }`, or remove `replicas`: a spec without `nodes:` is one node serving every user)",
        "users.yaml:5:3: error: invalid plan name `bad plan` (use 1 to 64 letters, digits, `_`, `.` or `-`)",
        "users.yaml:7:14: error: unknown plan `basci` (did you mean `basic`?)",
        "users.yaml:8:14: error: unknown plan `nothing` (plans are basic; define it under `plans:`)",
    ])
    #expect(try errors(header + "defaults: { plan: pro }\nusers:\n  a:\n  b:\n") == [
        "users.yaml:3:19: error: unknown plan `pro` (there is no `plans:` section; add one, like `plans: { pro: { data_limit: 50 GiB } }`)",
    ], "a default's error is reported once, not once per user")
}

@Test func userFleetFieldErrors() throws {
    let text = fleet + """
        users:
          a: { nodes: [eu-1, eu-3], plan: pro }
          b: { nodes: [eu-1], replicas: 1 }
          c: { nodes: { labels: [asia] } }
          d: { nodes: { labels: [eu, us] }, replicas: 1 }
          e: { nodes: { labels: [eu] }, replicas: 3 }
          f: { replicas: 4 }
          g: { nodes: eu-1 }
          h: { nodes: [] }
          i: { nodes: { label: [eu] } }
          j: { plan: pro, nodes: { labels: [us] } }
        """
    let actual = try errors(text)
    #expect(actual == [
        "users.yaml:11:22: error: unknown node `eu-3` (did you mean `eu-1`?)",
        "users.yaml:12:23: error: `replicas` and a list of `nodes` cannot both be set (choose one: list the nodes to pin the user there, or set `replicas` (with `nodes: { labels: [...] }` to choose among labelled nodes))",
        "users.yaml:13:15: error: `nodes: { labels: [asia] }` matches no node (no node has the label `asia`; labels in use: eu, us)",
        "users.yaml:14:15: error: `nodes: { labels: [eu, us] }` matches no node (no node has all of eu, us; a node must have every label listed)",
        "users.yaml:15:43: error: `replicas: 3` asks for more nodes than `nodes: { labels: [eu] }` selects (2: eu-1, eu-2) (lower `replicas` to at most 2, or give more nodes the label)",
        "users.yaml:16:18: error: `replicas`: 4 is more than the 3 nodes under `nodes:` (write at most 3, or add nodes)",
        "users.yaml:17:15: error: `nodes`: expected a list of node names or `{ labels: [...] }`, found a string (write a list, like `nodes: [eu-1]`)",
        "users.yaml:18:15: error: `nodes`: the list is empty (list at least one node, or remove `nodes:` to serve the user from every node)",
        "users.yaml:19:15: error: `nodes` has no `labels` (write `nodes: { labels: [eu] }` to select nodes by label, or `nodes: [eu-1]` to list them)",
        "users.yaml:19:17: error: unknown key `label` in `nodes` (did you mean `labels`?)",
        "users.yaml:20:26: error: `replicas: 2` (from plan `pro`) asks for more nodes than `nodes: { labels: [us] }` selects (1: us-1) (lower `replicas` to at most 1, or give more nodes the label)",
    ])
}

@Test func fleetFieldsNeedANodesSection() throws {
    let text = header + "defaults: { replicas: 2 }\nusers:\n  a: { nodes: [eu-1] }\n  b: { nodes: { labels: [eu] }, replicas: 1 }\n"
    let hint = "(add `nodes:` at the top level, like `nodes: { eu-1: { host: eu1.example.com } }`, or remove `%@`: a spec without `nodes:` is one node serving every user)"
    let need = { (at: String, key: String) in
        "users.yaml:\(at): error: `\(key)` needs a `nodes:` section listing the proxy hosts " + hint.replacingOccurrences(of: "%@", with: key)
    }
    let actual = try errors(text)
    #expect(actual == [need("3:23", "replicas"), need("5:15", "nodes"), need("6:15", "nodes"), need("6:43", "replicas")])
}

@Test func nodesAndPlansAreDefinedInOneFileOnly() throws {
    let files = [
        source("users/a.yaml", fleet + "users:\n  a: { plan: pro }\n"),
        source("users/b.yaml", "version: 1\nnodes: { x: { host: x.example.com } }\nplans: {}\nusers:\n  b: { plan: basic, nodes: [us-1] }\n"),
    ]
    let lines = try #require(throws: SpecValidationError.self) { try SpecLoader.load(files) }.errors.map(\.description)
    #expect(lines == [
        "users/b.yaml:2:1: error: `nodes` is already defined at users/a.yaml:3:1 (define `nodes` in one file only)",
        "users/b.yaml:3:1: error: `plans` is already defined at users/a.yaml:7:1 (define `plans` in one file only)",
    ])
    let state = try SpecLoader.load([files[0], source("users/b.yaml", "version: 1\nusers:\n  b: { plan: basic, nodes: [us-1] }\n")]).state
    #expect(state.user(named: "b")?.placement == PlacementRequest(selector: .pinned(["us-1"])))
}
