#!/usr/bin/env python3
"""Turns the platyPS markdown in docs/en-US/ into the MAML help file PowerShell reads.

platyPS (New-ExternalHelp) cannot be installed where BankInsight is built, so this does its job
for the subset of its markdown our docs use. Output: module/en-US/BankInsight.PowerShell.dll-Help.xml,
committed; a test checks it matches the markdown. Run after editing any docs/en-US/*.md:

    python3 tools/make-help.py
"""
import os
import re
import sys
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs", "en-US")
OUT = os.path.join(ROOT, "module", "en-US", "BankInsight.PowerShell.dll-Help.xml")


def sections(text, level):
    """Splits text into (heading, body) pairs at headings of exactly `level` #'s (outside code fences)."""
    out, heading, body, fence = [], None, [], False
    for line in text.split("\n"):
        if line.startswith("```"):
            fence = not fence
        if not fence and re.match("#" * level + r" (?!#)", line):
            if heading is not None:
                out.append((heading, "\n".join(body).strip("\n")))
            heading, body = line[level + 1:].strip(), []
        else:
            body.append(line)
    if heading is not None:
        out.append((heading, "\n".join(body).strip("\n")))
    return out


def paragraphs(text):
    """Markdown prose → paragraphs (blank-line separated, lines joined)."""
    return [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def para_xml(text, indent):
    pad = " " * indent
    return "\n".join(f"{pad}<maml:para>{escape(p)}</maml:para>" for p in paragraphs(text)) or f"{pad}<maml:para></maml:para>"


def parse(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    top = sections(text, 1)
    name, body = top[0]
    doc = {"name": name}
    parts = dict(sections(body, 2))
    doc["synopsis"] = parts["SYNOPSIS"].strip()
    doc["description"] = parts["DESCRIPTION"].strip()
    doc["sets"] = []
    for heading, block in sections(parts["SYNTAX"], 3):
        set_name = heading.replace("(Default)", "").strip()
        doc["sets"].append(set_name)
    doc["examples"] = []
    for heading, block in sections(parts["EXAMPLES"], 3):
        m = re.search(r"```powershell\n(.*?)\n```(.*)", block, re.S)
        doc["examples"].append({"title": heading, "code": m.group(1), "remarks": m.group(2).strip()})
    doc["parameters"] = []
    for heading, block in sections(parts["PARAMETERS"], 3):
        if heading == "CommonParameters":
            continue
        m = re.search(r"(.*?)```yaml\n(.*?)\n```", block, re.S)
        fields = {}
        for line in m.group(2).split("\n"):
            if ":" in line:
                k, v = line.split(":", 1)
                fields[k.strip()] = v.strip()
        doc["parameters"].append({"name": heading.lstrip("-"), "description": m.group(1).strip(), **fields})
    doc["inputs"] = [h for h, _ in sections(parts.get("INPUTS", ""), 3)]
    doc["outputs"] = [h for h, _ in sections(parts.get("OUTPUTS", ""), 3)]
    doc["notes"] = parts.get("NOTES", "").strip()
    doc["links"] = re.findall(r"\[([^\]]+)\]\(([^)]*)\)", parts.get("RELATED LINKS", ""))
    return doc


def parameter_xml(p, indent, in_syntax):
    pad = " " * indent
    required = "true" if p.get("Required") == "True" else "false"
    pipeline = p.get("Accept pipeline input", "False")
    globbing = "true" if p.get("Accept wildcard characters") == "True" else "false"
    position = p.get("Position", "Named").lower() if p.get("Position", "Named") == "Named" else p.get("Position")
    aliases = p.get("Aliases", "") or "none"
    type_ = p.get("Type", "Object")
    variable = "true" if type_.endswith("[]") else "false"
    lines = [f'{pad}<command:parameter required="{required}" variableLength="{variable}" globbing="{globbing}" pipelineInput="{escape(pipeline)}" position="{position}" aliases="{escape(aliases)}">',
             f"{pad}  <maml:name>{escape(p['name'])}</maml:name>",
             f"{pad}  <maml:description>", para_xml(p["description"], indent + 4), f"{pad}  </maml:description>"]
    if not (in_syntax and type_ == "SwitchParameter"):
        lines.append(f'{pad}  <command:parameterValue required="{"false" if type_ == "SwitchParameter" else "true"}" variableLength="{variable}">{escape(type_)}</command:parameterValue>')
    lines += [f"{pad}  <dev:type>", f"{pad}    <maml:name>{escape(type_)}</maml:name>", f"{pad}    <maml:uri />", f"{pad}  </dev:type>",
              f"{pad}  <dev:defaultValue>{escape(p.get('Default value', 'None'))}</dev:defaultValue>", f"{pad}</command:parameter>"]
    return "\n".join(lines)


def in_set(p, set_name):
    sets = [s.strip() for s in p.get("Parameter Sets", "(All)").split(",")]
    return "(All)" in sets or set_name in sets


def command_xml(doc):
    verb, noun = doc["name"].split("-", 1)
    x = ['  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10" xmlns:MSHelp="http://msdn.microsoft.com/mshelp">',
         "    <command:details>", f"      <command:name>{doc['name']}</command:name>", f"      <command:verb>{verb}</command:verb>", f"      <command:noun>{noun}</command:noun>",
         "      <maml:description>", para_xml(doc["synopsis"], 8), "      </maml:description>", "    </command:details>",
         "    <maml:description>", para_xml(doc["description"], 6), "    </maml:description>", "    <command:syntax>"]
    for set_name in doc["sets"] or ["__AllParameterSets"]:
        x += ["      <command:syntaxItem>", f"        <maml:name>{doc['name']}</maml:name>"]
        x += [parameter_xml(p, 8, True) for p in doc["parameters"] if in_set(p, set_name)]
        x.append("      </command:syntaxItem>")
    x += ["    </command:syntax>", "    <command:parameters>"]
    x += [parameter_xml(p, 6, False) for p in doc["parameters"]]
    x += ["    </command:parameters>", "    <command:inputTypes>"]
    for t in doc["inputs"]:
        x += ["      <command:inputType>", "        <dev:type>", f"          <maml:name>{escape(t)}</maml:name>", "        </dev:type>",
              "        <maml:description>", "          <maml:para></maml:para>", "        </maml:description>", "      </command:inputType>"]
    x += ["    </command:inputTypes>", "    <command:returnValues>"]
    for t in doc["outputs"]:
        x += ["      <command:returnValue>", "        <dev:type>", f"          <maml:name>{escape(t)}</maml:name>", "        </dev:type>",
              "        <maml:description>", "          <maml:para></maml:para>", "        </maml:description>", "      </command:returnValue>"]
    x += ["    </command:returnValues>", "    <maml:alertSet>", "      <maml:alert>", para_xml(doc["notes"], 8), "      </maml:alert>", "    </maml:alertSet>", "    <command:examples>"]
    for e in doc["examples"]:
        x += ["      <command:example>", f"        <maml:title>-------------------------- {escape(e['title'])} --------------------------</maml:title>",
              f"        <dev:code>{escape(e['code'])}</dev:code>", "        <dev:remarks>", para_xml(e["remarks"], 10), "        </dev:remarks>", "      </command:example>"]
    x += ["    </command:examples>", "    <command:relatedLinks>"]
    for text, uri in doc["links"]:
        x += ["      <maml:navigationLink>", f"        <maml:linkText>{escape(text)}</maml:linkText>", "        <maml:uri></maml:uri>", "      </maml:navigationLink>"]
    x += ["    </command:relatedLinks>", "  </command:command>"]
    return "\n".join(x)


def main():
    docs = [parse(os.path.join(DOCS, f)) for f in sorted(os.listdir(DOCS), key=lambda s: s.encode()) if f.endswith(".md")]
    xml = ['<?xml version="1.0" encoding="utf-8"?>', '<helpItems schema="maml" xmlns="http://msh">']
    xml += [command_xml(d) for d in docs]
    xml.append("</helpItems>")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(xml) + "\n")
    print(f"{OUT}: {len(docs)} commands")


if __name__ == "__main__":
    sys.exit(main())
