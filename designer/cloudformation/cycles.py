"""Dependency cycles in a template, and the environment variables left out to break them.

Connections can make resources name each other: a function's environment names a state machine whose definition
names the function. CloudFormation refuses such a template (E3004). References in IAM policies cannot close a
cycle (each role's statements are a resource of their own, see `context.finish_policies`), so what remains
are environment variables: the export leaves out, one at a time, a variable that closes a cycle, and says so
in the template's notes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from .template import references

Json = Any


def dependencies(resources: dict[str, Json]) -> dict[str, list[str]]:
    """Each resource's references to other resources (Ref, GetAtt, Sub) and its DependsOn."""
    ids = set(resources)
    out: dict[str, list[str]] = {}
    for logical_id, resource in resources.items():
        named = references(resource.get("Properties") or {}, ids)
        depends = resource.get("DependsOn") or []
        named += [d for d in ([depends] if isinstance(depends, str) else depends) if d in ids and d not in named]
        out[logical_id] = [n for n in named if n != logical_id]
    return out


def cycles(graph: dict[str, list[str]]) -> list[set[str]]:
    """The strongly connected components of more than one resource (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[set[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            neighbours = graph.get(node, [])
            if i < len(neighbours):
                work.append((node, i + 1))
                nxt = neighbours[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def _variables(resource: Json) -> Iterator[tuple[str, Json, Callable[[], None]]]:
    """(name, value, remove) for each environment variable of a function or a task definition's containers."""
    properties = resource.get("Properties") or {}
    if resource.get("Type") == "AWS::Lambda::Function":
        variables: dict[str, Json] = (properties.get("Environment") or {}).get("Variables") or {}
        for name in sorted(variables):
            yield name, variables[name], partial(variables.pop, name)
    elif resource.get("Type") == "AWS::ECS::TaskDefinition":
        for container in properties.get("ContainerDefinitions") or []:
            entries: list[Json] = container.get("Environment") or []
            for entry in sorted(entries, key=lambda e: str(e["Name"])):
                yield entry["Name"], entry["Value"], partial(entries.remove, entry)


def break_cycles(resources: dict[str, Json], note: Callable[[str], None]) -> None:
    for _ in range(100):
        found = cycles(dependencies(resources))
        if not found:
            return
        broken = False
        for component in found:
            for logical_id in sorted(component):
                for name, value, remove in _variables(resources[logical_id]):
                    if set(references(value, component)) - {logical_id}:
                        remove()
                        note(
                            f"{logical_id}: environment variable {name} is left out, because it would make the "
                            "resources it names depend on each other in a cycle; set it after deployment"
                        )
                        broken = True
                        break
                if broken:
                    break
            if broken:
                break
        if not broken:
            names = ", ".join(sorted(found[0]))
            note(f"these resources depend on each other in a cycle CloudFormation refuses: {names}")
            return
