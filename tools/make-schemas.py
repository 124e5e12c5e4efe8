#!/usr/bin/env python3
"""Derive the built-in schema JSON files from the bank's column dictionary.

Provenance tool, run by a developer when columns.ini or the code tables change; CI never runs
it (the JSON files it writes are committed). Inputs:
  - reference-data/columns.ini: column order, types and value lists (authoritative);
  - reference-data/data_structure.xlsx, 4th sheet: the code tables, copied below by hand
    because the xlsx is not machine-friendly (merged headers, free text).

Usage: python3 tools/make-schemas.py ../shared/reference-data/columns.ini src/BankInsight.Core/Data/Schemas/BuiltIn
"""
import ast
import configparser
import json
import sys
from collections import OrderedDict

# --- code tables (data_structure.xlsx, sheet 4) -------------------------------------------
ENTERPRISE_SIZE = OrderedDict([("1", "大型"), ("2", "中型"), ("3", "小型"), ("4", "微型"), ("9", "其他（非企业）")])

ENTERPRISE_NATURE = OrderedDict([
    ("100", "内资企业"), ("100110", "国有企业"), ("100120", "集体企业"), ("100130", "股份合作企业"),
    ("100140", "其它联营"), ("100150", "有限责任公司"), ("100160", "股份有限公司"), ("100170", "私营企业"),
    ("100170171", "私营独资企业"), ("100170172", "私有合伙"), ("100170173", "私营股份有限（公司）"),
    ("100170174", "私营有限责任公司"), ("100170199", "其它私有"), ("100180", "国有联营"), ("100181", "集体联营"),
    ("100182", "国有与集体联营"), ("100190", "其他内资"), ("200", "港、澳、台商投资企业"),
    ("200210", "合资经营企业(港或澳、台资)"), ("200210211", "港、澳与内地合资企业"),
    ("200210212", "台湾与内地合资企业"), ("200220", "合作经营企业(港或澳、台资)"),
    ("200220221", "港、澳与内地合作企业"), ("200220222", "台湾与内地合作企业"),
    ("200230", "港、澳、台商独资经营企业"), ("200230231", "港、澳独资经营企业"), ("200230232", "台湾独资经营企业"),
    ("200240", "港、澳、台商投资股份有限公司"), ("200240241", "港、澳投资股份有限公司"),
    ("200240242", "台商投资股份有限公司"), ("200290", "其它港、澳、台投资"), ("300", "外商投资企业"),
    ("300310", "中外合资经营企业"), ("300320", "中外合作经营企业"), ("300330", "外资(独资)企业"),
    ("300340", "外商投资股份有限公司"), ("300390", "其它国外投资"), ("400", "个体经营"), ("400410", "个体经营户"),
    ("400420", "个人合伙"), ("500", "境外机构"), ("500510", "境外机构"), ("999", "其它"),
])

# Retail codes whose meaning is one of the value-list labels; core systems export either form.
RETAIL_CODES = {
    "性别": {"2": "男", "3": "女", "9": "未知"},
    "婚姻状况": {"10": "未婚", "20": "已婚", "21": "初婚", "22": "再婚", "23": "复婚", "24": "已婚有子女",
             "25": "已婚无子女", "30": "丧偶", "40": "离婚", "99": "未知"},
    "学历": {"0": "未知", "1": "未知", "10": "研究生", "11": "博士研究生", "12": "博士研究生", "13": "博士研究生",
           "14": "研究生", "15": "研究生", "16": "研究生", "17": "研究生", "18": "研究生", "19": "研究生",
           "20": "大学本科", "21": "大学本科", "22": "大学本科", "23": "大学本科", "28": "大学本科",
           "30": "大学专科", "31": "大学专科", "32": "大学专科", "33": "大学专科",
           "40": "中等专业学校", "41": "中等专业学校", "42": "中等专业学校", "43": "中等专业学校",
           "44": "高中", "45": "高中", "46": "高中", "47": "技术学校", "48": "技术学校", "49": "技术学校",
           "60": "高中", "61": "高中", "62": "高中", "63": "高中", "70": "初中", "71": "初中", "73": "初中",
           "80": "小学", "81": "小学", "83": "小学", "90": "文盲或半文盲"},
    "风险评级": {"0": "低风险", "1": "中低风险", "2": "中风险", "3": "中高风险", "4": "高风险"},
}

PRODUCTS = [  # SPEC "3. Retail cross-selling": code, name, English alias, balance columns
    ("1", "存款", "Deposit", ["存款余额"]),
    ("2", "保险", "Insurance", ["保险余额"]),
    ("3", "基金和积利宝", "FundAndJilibao", ["基金余额", "积利宝余额"]),
    ("4", "积存金", "GoldAccumulation", ["积存金余额"]),
    ("5", "理财", "WealthManagement", ["理财余额"]),
    ("6", "国债", "TreasuryBond", ["国债余额"]),
    ("7", "代销资管产品", "AssetManagement", ["高净值产品余额"]),
    ("8", "贷款和信用卡", "LoanAndCreditCard", ["贷款余额", "信用卡分期余额"]),
]

# Columns that describe holding a product rather than predict it: its balances and averages
# (历史 included), its product counts and preference, and the totals over every product (AUM,
# 持有金融产品个数). A propensity model for the product must not see them (SPEC "4.").
TOTALS = ["AUM余额", "AUM月日均", "AUM季日均", "历史AUM余额", "持有金融产品个数"]
RELATED_STEMS = {
    "1": (["存款", "活期存款", "普通定期", "大额存单", "安心存单"], ["持有定期存款产品个数", "储蓄产品偏好"]),
    "2": (["保险"], ["持有保险产品个数", "保险产品偏好"]),
    "3": (["基金", "积利宝"], ["持有基金产品个数", "基金产品偏好", "近三月基金买入金额（不含定投）", "近三月基金买入笔数（不含定投）", "近三月基金赎回金额", "近三月基金赎回笔数"]),
    "4": (["积存金"], []),
    "5": (["理财"], ["持有理财产品个数", "理财产品偏好"]),
    "6": (["国债"], ["持有国债产品个数"]),
    "7": (["高净值产品"], ["持有高净值产品个数"]),
    "8": (["贷款", "消费贷款", "按揭贷款", "个人经营性贷款", "网络贷款", "信用卡分期"], ["信用卡贷款月日均", "持有贷款产品个数", "按揭客户"]),
}


def related(code, names):
    stems, extra = RELATED_STEMS[code]
    out = [n for n in names if any(n in (s + "余额", s + "月日均", s + "季日均", "历史" + s + "余额") for s in stems)]
    out += extra + TOTALS
    missing = [n for n in out if n not in names]
    assert not missing, (code, missing)
    return out


def column(name, type_, **extra):
    c = OrderedDict([("name", name), ("type", type_)])
    c.update(extra)
    return c


def retail(ini):
    cols = ast.literal_eval(ini["cross_selling"]["columns"])
    groupby = ast.literal_eval(ini["cross_selling"]["groupby"])
    relation = ast.literal_eval(ini["cross_selling"]["relation"])
    out = []
    for c in cols:
        name, t, values = c["name"], c["column_type"], c["value_list"]
        if name == "客户编号":
            out.append(column(name, "text", role="id"))
        elif name == "客户名称":
            out.append(column(name, "text", role="name"))
        elif t == "int":
            out.append(column(name, "integer"))
        elif t == "float":
            out.append(column(name, "number"))
        elif t.startswith("bool"):
            out.append(column(name, "flag"))
        elif t == "str":
            extra = {"values": values}
            if name in RETAIL_CODES:
                extra["codes"] = RETAIL_CODES[name]
            out.append(column(name, "categorical", **extra))
        else:
            raise SystemExit(f"unknown column_type {t!r} for {name}")
    # the product mapping in columns.ini must agree with SPEC's
    ini_products = {list(d.keys())[0]: list(d.values())[0] for d in relation}
    for code, pname, alias, balance in PRODUCTS:
        assert ini_products[pname] == balance, (pname, ini_products[pname], balance)
    return OrderedDict([
        ("format", "bankinsight-schema/1"),
        ("name", "Retail"),
        ("description", "Retail customers: demographics, balances, holdings, activity and preferences (交叉销售/商机挖掘)."),
        ("key", "客户编号"),
        ("columns", out),
        ("segmentation", groupby),
        ("products", [OrderedDict([("code", code), ("name", n), ("alias", a), ("columns", b), ("related", related(code, [c["name"] for c in out]))])
                      for code, n, a, b in PRODUCTS]),
    ])


def churn(ini):
    names = ast.literal_eval(ini["customer_losing"]["columns"])
    out = []
    for name in names:
        if name == "客户编号":
            out.append(column(name, "text", role="id"))
        elif name == "客户名称":
            out.append(column(name, "text", role="name"))
        elif name == "企业规模":
            out.append(column(name, "categorical", values=list(ENTERPRISE_SIZE.values()), codes=ENTERPRISE_SIZE))
        elif name == "企业性质":
            # Hierarchical national code table that grows; unknown codes are kept as their own
            # categories (with a warning) instead of rejecting the row.
            out.append(column(name, "categorical", values=list(OrderedDict.fromkeys(ENTERPRISE_NATURE.values())),
                              codes=ENTERPRISE_NATURE, open=True))
        elif name.endswith("签约日期") or name.endswith("开通日期"):
            out.append(column(name, "date"))
        elif name == "开通财票通":
            out.append(column(name, "flag"))
        elif name.endswith("笔数") or name.endswith("次数") or name in ("员工人数", "开户年限"):
            out.append(column(name, "integer"))
        else:
            out.append(column(name, "number"))
    assert len(out) == 69, len(out)
    return OrderedDict([
        ("format", "bankinsight-schema/1"),
        ("name", "CorporateChurn"),
        ("description", "Corporate customers' monthly balances, services and transactions (流失客户预警)."),
        ("key", "客户编号"),
        ("columns", out),
    ])


def prospect(ini):
    names = ast.literal_eval(ini["customer_potential"]["column1"])
    out = []
    for name in names:
        if name == "客户编号":
            out.append(column(name, "text", role="id"))
        elif name in ("注册地址", "经营地址"):
            out.append(column(name, "text", role="address"))
        elif "笔数" in name:
            out.append(column(name, "number"))  # 月均交易笔数 is an average, so not an integer
        else:
            out.append(column(name, "number"))
    assert len(out) == 12
    return OrderedDict([
        ("format", "bankinsight-schema/1"),
        ("name", "CorporateProspect"),
        ("description", "Corporate transaction activity over 1 month, 3 months and 1 year (上下游潜客推荐)."),
        ("key", "客户编号"),
        ("columns", out),
    ])


def relation(ini):
    names = ast.literal_eval(ini["customer_potential"]["column2"])
    kinds = {
        "法人行号": column("法人行号", "text"),
        "客户编号": column("客户编号", "text", role="id"),
        "上级关系类型": column("上级关系类型", "categorical", values=[], open=True),
        "关系类型": column("关系类型", "categorical", values=[], open=True),
        "关联人客户编号": column("关联人客户编号", "text", role="relatedId"),
        "关联人客户名称": column("关联人客户名称", "text", role="relatedName"),
        "关联值": column("关联值", "number"),
        "是否我行客户": column("是否我行客户", "flag"),
        "关系内容": column("关系内容", "text"),
        "是否贷款客户": column("是否贷款客户", "flag"),
        "关联值2": column("关联值2", "number"),
        "营业执照": column("营业执照", "text"),
    }
    out = [kinds[n] for n in names]
    return OrderedDict([
        ("format", "bankinsight-schema/1"),
        ("name", "ProspectRelation"),
        ("description", "Related parties of corporate customers: one row per relation (上下游关联关系)."),
        ("columns", out),
    ])


def main():
    ini_path, out_dir = sys.argv[1], sys.argv[2]
    ini = configparser.ConfigParser(interpolation=None)
    ini.optionxform = str
    with open(ini_path, encoding="utf-8") as f:
        ini.read_file(f)
    for schema in (churn(ini), prospect(ini), relation(ini), retail(ini)):
        path = f"{out_dir}/{schema['name']}.json"
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            json.dump(schema, f, ensure_ascii=False, indent=2)
            f.write("\n")
        print(path, len(schema["columns"]), "columns")


if __name__ == "__main__":
    main()
