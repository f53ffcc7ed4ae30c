"""Write the shop example's raw data: messy on purpose, deterministic for a seed.

The files imitate what a small web shop really exports: a CRM dump of customers with
hand-typed emails, phones and dates in several formats, a product catalogue in Parquet,
orders as NDJSON files that keep arriving one a month (nested shipping address, amounts
as "$1,234.50" strings, status in any case), order lines as CSV, and a payment
processor's CSV export that formats amounts by the payer's locale ('€12,50', '(12.00)')
and writes booleans however it likes. datanet's cleansing, healing and profiling are
tested against these shapes, so the mess is the point; the seed keeps it reproducible.

Run from anywhere: ``python examples/shop/scripts/generate_data.py [--seed 42] [--out DIR]``.
``--new-batch 2024-07`` writes one more month of orders (and its lines and payments in
separate ``*_2024_07`` files) to simulate the folder receiving a new file.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from faker import Faker

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
N_CUSTOMERS = 1200
N_PRODUCTS = 150
FIRST_MONTH = date(2023, 12, 1)  # before vars.start_date: the models filter these out
N_MONTHS = 7
ORDERS_PER_MONTH = (330, 480)
LOCALES = {"US": "en_US", "GB": "en_GB", "DE": "de_DE", "FR": "fr_FR", "ES": "es_ES",
           "NL": "nl_NL", "CA": "en_CA"}
COUNTRY_WEIGHTS = [0.38, 0.14, 0.16, 0.12, 0.08, 0.06, 0.06]
EURO_COUNTRIES = {"DE", "FR", "ES", "NL"}
NULL_TOKENS = ["N/A", "", "null", "NULL", "n/a"]
CATEGORIES = {
    "Kitchen": ["Knife", "Pan", "Kettle", "Cutting Board", "Spatula", "Grinder"],
    "Outdoor": ["Tent", "Lantern", "Backpack", "Camp Stove", "Water Bottle"],
    "Office": ["Notebook", "Desk Lamp", "Pen Set", "Monitor Stand", "Stapler"],
    "Garden": ["Hose", "Trowel", "Planter", "Pruner", "Watering Can"],
    "Toys": ["Puzzle", "Kite", "Board Game", "Plush Bear", "Yo-Yo"],
}
ADJECTIVES = ["Classic", "Deluxe", "Compact", "Eco", "Pro", "Rustic", "Ultra", "Mini", "Smart"]
STATUS_SPELLINGS = {
    "placed": ["placed", "Placed", "PLACED"],
    "shipped": ["shipped", "Shipped", "SHIPPED", " shipped"],
    "delivered": ["delivered", "Delivered", "DELIVERED", "delivered "],
    "cancelled": ["cancelled", "Cancelled", "canceled", "CANCELED"],
    "returned": ["returned", "Returned", "RETURNED"],
}
METHOD_SPELLINGS = {
    "credit_card": ["credit_card", "Credit Card", "CREDIT CARD", "credit card"],
    "paypal": ["paypal", "PayPal", "PAYPAL"],
    "bank_transfer": ["bank_transfer", "Bank Transfer", "bank transfer"],
    "gift_card": ["gift_card", "Gift Card", "GIFT CARD"],
}
TRAP_NAMES = [("José", "Müller"), ("Zoë", "Ødegård"), ("François", "Nuñez"),
              ("Ana-Lucía", "O'Brien"), ("Björn", "Sørensen")]
TRUE_TOKENS = ["Y", "y", "yes", "true", "TRUE", "1"]
FALSE_TOKENS = ["n", "N", "no", "false", "FALSE", "0"]


@dataclass
class Shop:
    """Everything generated so far, kept for the foreign keys between files."""

    rng: random.Random
    nprng: np.random.Generator
    fakers: dict[str, Faker]
    customers: list[dict] = field(default_factory=list)
    products: list[dict] = field(default_factory=list)
    next_order_id: int = 10001
    next_payment_id: int = 1


def make_shop(seed: int) -> Shop:
    """Seed every random source (random, numpy, each Faker locale) from one number."""
    fakers = {}
    for i, (country, locale) in enumerate(LOCALES.items()):
        fk = Faker(locale)
        fk.seed_instance(seed * 100 + i)
        fakers[country] = fk
    return Shop(random.Random(seed), np.random.default_rng(seed), fakers)


# --- customers ----------------------------------------------------------------------------

def messy_date(rng: random.Random, d: date) -> str:
    """A date as a human or a legacy system wrote it (slash dates are always month-first)."""
    style = rng.choices(["iso", "us", "text", "compact"], weights=[5, 3, 2, 1])[0]
    if style == "iso":
        return d.isoformat()
    if style == "us":
        return d.strftime("%m/%d/%Y")
    if style == "text":
        return f"{d.day} {d.strftime('%b %Y')}"
    return d.strftime("%Y%m%d")


def messy_email(rng: random.Random, first: str, last: str, domain: str) -> str:
    """Mostly valid emails, with stray case and whitespace, some missing or broken."""
    roll = rng.random()
    if roll < 0.04:
        return rng.choice(NULL_TOKENS)
    local = f"{first}.{last}".replace(" ", "").replace("'", "")
    local = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()  # José -> Jose
    email = f"{local}@{domain}"
    if roll < 0.06:
        return email.replace("@", " at ")  # not an email any more
    if roll < 0.35:
        email = email.title() if rng.random() < 0.5 else email.upper()
    else:
        email = email.lower()
    return rng.choice(["", " ", "  "]) + email + rng.choice(["", "", " "])


def messy_phone(rng: random.Random, fk: Faker) -> str:
    """Locale phone formats from Faker, plus blanks and plain digit runs."""
    roll = rng.random()
    if roll < 0.05:
        return rng.choice(NULL_TOKENS)
    phone = fk.phone_number()
    if roll < 0.2:
        phone = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    return phone


def messy_country(rng: random.Random, country: str) -> str:
    """ISO codes in any case, a few blanks and 'N/A'."""
    if rng.random() < 0.03:
        return rng.choice(NULL_TOKENS)
    return rng.choice([country, country, country, country.lower(), country.title(),
                       f" {country}"])


def flag(rng: random.Random, value: bool) -> str:
    """A boolean as one of the many tokens exports use."""
    return rng.choice(TRUE_TOKENS if value else FALSE_TOKENS)


def ts(dt: datetime) -> str:
    """The one timestamp format that all systems here agree on (ISO, seconds)."""
    return dt.strftime("%Y-%m-%d %H:%M:%S")


def gen_customers(shop: Shop) -> None:
    """Customers 1..N with a home country, a signup date and an opt-in flag."""
    rng = shop.rng
    countries = list(LOCALES)
    picks = shop.nprng.choice(len(countries), size=N_CUSTOMERS, p=COUNTRY_WEIGHTS)
    start = date(2022, 1, 1)
    for cid in range(1, N_CUSTOMERS + 1):
        country = countries[int(picks[cid - 1])]
        fk = shop.fakers[country]
        first, last = fk.first_name(), fk.last_name()
        if cid <= len(TRAP_NAMES):  # the classic unicode traps, always present
            first, last = TRAP_NAMES[cid - 1]
        signup = start + timedelta(days=rng.randrange(0, 900))
        updated = datetime.combine(signup, datetime.min.time()) + timedelta(
            days=rng.randrange(0, 60), seconds=rng.randrange(86400))
        shop.customers.append({
            "id": cid, "first_name": first, "last_name": last,
            "email": messy_email(rng, first, last, fk.free_email_domain()),
            "phone": messy_phone(rng, fk), "signup_date": messy_date(rng, signup),
            "country": messy_country(rng, country), "city": fk.city(),
            "marketing_opt_in": flag(rng, rng.random() < 0.4),
            "updated_at": ts(updated), "export_batch": f"crm-{rng.randrange(1, 9):02d}",
            "_country": country, "_signup": signup,
        })


def customer_rows(shop: Shop) -> list[dict]:
    """The CRM export: every customer, re-sent updates, exact duplicates, junk rows."""
    rng = shop.rng
    rows = [dict(c) for c in shop.customers]
    for cust in rng.sample(shop.customers, 70):  # re-sent with a later updated_at
        newer = dict(cust)
        newer["updated_at"] = ts(datetime.strptime(cust["updated_at"], "%Y-%m-%d %H:%M:%S")
                                 + timedelta(days=rng.randrange(1, 300)))
        fk = shop.fakers[cust["_country"]]
        newer["city"] = fk.city()
        if rng.random() < 0.5:
            newer["email"] = messy_email(rng, cust["first_name"], cust["last_name"],
                                         fk.free_email_domain())
        rows.append(newer)
    rows.extend(dict(r) for r in rng.sample(rows, 25))  # exact duplicates
    for _ in range(4):  # rows without an id: a broken export line
        junk = dict(rng.choice(rows))
        junk["id"] = ""
        rows.append(junk)
    rng.shuffle(rows)
    return rows


def write_customers(shop: Shop, out: Path) -> None:
    cols = ["id", "first_name", "last_name", "email", "phone", "signup_date", "country",
            "city", "marketing_opt_in", "updated_at", "export_batch"]
    with open(out / "customers.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(customer_rows(shop))


# --- products -----------------------------------------------------------------------------

def weight_text(rng: random.Random, grams: int) -> str | None:
    """Weights as the catalogue team typed them: '3,750 g', '250 g', '1.2 kg'."""
    if rng.random() < 0.03:
        return None
    if grams >= 1000 and rng.random() < 0.4:
        return f"{grams / 1000:.1f} kg"
    return f"{grams:,} g"


def gen_products(shop: Shop) -> None:
    """A catalogue with log-normal prices per category; a few inactive products."""
    rng, nprng = shop.rng, shop.nprng
    cats = list(CATEGORIES)
    for pid in range(1, N_PRODUCTS + 1):
        cat = cats[(pid - 1) % len(cats)]
        noun = rng.choice(CATEGORIES[cat])
        price = float(np.round(nprng.lognormal(mean=3.3, sigma=0.7), 2)) + 0.99
        grams = int(nprng.lognormal(mean=6.5, sigma=0.9)) // 5 * 5 + 5
        shop.products.append({
            "product_id": pid, "sku": f"SKU-{pid:05d}",
            "name": f"{rng.choice(ADJECTIVES)} {noun} {rng.randrange(100, 999)}",
            "category": cat if rng.random() > 0.05 else f"{cat.lower()} ", "price_cents": int(round(price * 100)),
            "weight": weight_text(rng, grams), "is_active": rng.random() > 0.08,
            "created_at": datetime(2021, 6, 1) + timedelta(days=rng.randrange(0, 700)),
        })


def write_products(shop: Shop, out: Path) -> None:
    cols = ["product_id", "sku", "name", "category", "price_cents", "weight", "is_active",
            "created_at"]
    table = pa.table({c: [p[c] for p in shop.products] for c in cols})
    table = table.cast(pa.schema([("product_id", pa.int32()), ("sku", pa.string()),
                                  ("name", pa.string()), ("category", pa.string()),
                                  ("price_cents", pa.int64()), ("weight", pa.string()),
                                  ("is_active", pa.bool_()),
                                  ("created_at", pa.timestamp("us"))]))
    pq.write_table(table, out / "products.parquet", compression="zstd")


# --- orders, order lines, payments ----------------------------------------------------------

def money_us(value: float, rng: random.Random) -> str:
    """'$1,234.50', '1234.50' or 'USD 1,234.50': the order system's and US payers' style."""
    style = rng.choices(["dollar", "plain", "code"], weights=[7, 2, 1])[0]
    if style == "dollar":
        return f"${value:,.2f}"
    if style == "plain":
        return f"{value:.2f}"
    return f"USD {value:,.2f}"


def money_eu(value: float, rng: random.Random) -> str:
    """'€1.234,50' or '1.234,50 €': European payers' locale (same amount, other format)."""
    text = f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€{text}" if rng.random() < 0.6 else f"{text} €"


def order_status(rng: random.Random, age_days: int) -> str:
    """Status as of the monthly export: recent orders are still open."""
    if age_days < 4:
        return rng.choices(["placed", "shipped"], weights=[6, 4])[0]
    if age_days < 10:
        return rng.choices(["shipped", "delivered", "cancelled"], weights=[5, 4, 1])[0]
    return rng.choices(["delivered", "cancelled", "returned", "shipped"], weights=[80, 8, 8, 4])[0]


def order_lines(shop: Shop, rng: random.Random, order_id: int) -> list[dict]:
    """1-4 lines of active products, sometimes discounted, rarely a voided (qty 0) line."""
    active = [p for p in shop.products if p["is_active"]]
    lines = []
    for n, prod in enumerate(rng.sample(active, rng.choices([1, 2, 3, 4], [5, 3, 2, 1])[0]), 1):
        price = prod["price_cents"]
        if rng.random() < 0.15:
            price = int(price * 0.9)
        qty = 0 if rng.random() < 0.01 else rng.choices([1, 2, 3, 5], [10, 4, 2, 1])[0]
        lines.append({"order_id": order_id, "line_number": n, "product_id": prod["product_id"],
                      "quantity": qty, "unit_price_cents": price})
    return lines


def make_order(shop: Shop, rng: random.Random, month: date, month_end: datetime,
               with_channel: bool) -> tuple[dict, list[dict], str]:
    """One order (the NDJSON record), its lines, and the payer's country."""
    day = rng.randrange(0, (month_end.date() - month).days + 1)
    ordered = datetime.combine(month, datetime.min.time()) + timedelta(
        days=day, seconds=rng.randrange(6 * 3600, 23 * 3600))
    cust = None if rng.random() < 0.04 else rng.choice(shop.customers)
    country = cust["_country"] if cust else rng.choice(list(LOCALES))
    order_id = shop.next_order_id
    shop.next_order_id += 1
    lines = order_lines(shop, rng, order_id)
    amount = sum(li["quantity"] * li["unit_price_cents"] for li in lines) / 100
    status = order_status(rng, (month_end - ordered).days)
    record = {
        "order_id": order_id, "customer_id": cust["id"] if cust else None,
        "ordered_at": ordered.strftime("%Y-%m-%dT%H:%M:%S"),
        "status": rng.choice(STATUS_SPELLINGS[status]), "amount": money_us(amount, rng),
        "shipping": {"city": shop.fakers[country].city(),
                     "country": country if rng.random() < 0.8 else country.lower(),
                     "postal_code": shop.fakers[country].postcode()},
        "coupon_code": rng.choice(["SPRING10", "WELCOME", "VIP20"]) if rng.random() < 0.1
        else None,
    }
    if with_channel:  # a field the order system started to send in May 2024
        record["channel"] = rng.choice(["web", "web", "app", "marketplace"])
    return record, lines, country


def payment_row(shop: Shop, rng: random.Random, order_id: int, amount: float, country: str,
                method: str, paid_at: datetime, refund: bool) -> dict:
    """One row of the processor's export, formatted by the payer's locale."""
    text = money_eu(amount, rng) if country in EURO_COUNTRIES else money_us(amount, rng)
    if refund:
        text = rng.choice([f"({text})", f"-{text}", text])
    row = {"payment_id": f"PAY-{shop.next_payment_id:06d}", "order_id": order_id,
           "method": rng.choice(METHOD_SPELLINGS[method]), "amount": text,
           "is_refund": flag(rng, refund), "paid_at": ts(paid_at)}
    shop.next_payment_id += 1
    return row


def order_payments(shop: Shop, rng: random.Random, record: dict, amount: float,
                   country: str) -> list[dict]:
    """Payments follow the status: paid in full (sometimes split), refunds for returns."""
    status = next(k for k, v in STATUS_SPELLINGS.items() if record["status"] in v)
    if status == "placed" and rng.random() < 0.5 or status == "cancelled" and rng.random() < 0.5:
        return []
    ordered = datetime.strptime(record["ordered_at"], "%Y-%m-%dT%H:%M:%S")
    paid_at = ordered + timedelta(minutes=rng.randrange(1, 180))
    method = rng.choices(list(METHOD_SPELLINGS), weights=[55, 25, 12, 8])[0]
    oid = record["order_id"]
    if method != "gift_card" and amount > 40 and rng.random() < 0.12:
        gift = round(rng.choice([10.0, 20.0, 25.0]), 2)
        rows = [payment_row(shop, rng, oid, gift, country, "gift_card", paid_at, False),
                payment_row(shop, rng, oid, round(amount - gift, 2), country, method,
                            paid_at, False)]
    else:
        rows = [payment_row(shop, rng, oid, amount, country, method, paid_at, False)]
    if status in ("cancelled", "returned"):
        refund_at = paid_at + timedelta(days=rng.randrange(1, 20))
        rows.append(payment_row(shop, rng, oid, amount, country, method, refund_at, True))
    return rows


def gen_month(shop: Shop, seed: int, index: int) -> tuple[list[dict], list[dict], list[dict]]:
    """One month's orders, lines and payments; a month's own seed keeps it stable."""
    rng = random.Random(seed * 1000 + index)
    month = date(FIRST_MONTH.year + (FIRST_MONTH.month - 1 + index) // 12,
                 (FIRST_MONTH.month - 1 + index) % 12 + 1, 1)
    nxt = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    month_end = datetime.combine(nxt, datetime.min.time()) - timedelta(seconds=1)
    orders, lines, payments = [], [], []
    for _ in range(rng.randrange(*ORDERS_PER_MONTH)):
        record, order_lines_, country = make_order(shop, rng, month, month_end, index >= 5)
        amount = sum(li["quantity"] * li["unit_price_cents"] for li in order_lines_) / 100
        orders.append(record)
        lines.extend(order_lines_)
        payments.extend(order_payments(shop, rng, record, amount, country))
    for dup in rng.sample(orders, 4):  # the exporter retried and wrote a few lines twice
        orders.insert(rng.randrange(len(orders)), dup)
    return orders, lines, payments


def write_csv(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def write_orders(shop: Shop, seed: int, months: int, out: Path) -> None:
    """orders/orders_YYYY_MM.ndjson per month; order_items.csv and payments.csv for all."""
    (out / "orders").mkdir(parents=True, exist_ok=True)
    all_lines, all_payments = [], []
    for index in range(months):
        orders, lines, payments = gen_month(shop, seed, index)
        stamp = orders[0]["ordered_at"][:7].replace("-", "_")
        with open(out / "orders" / f"orders_{stamp}.ndjson", "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(o, ensure_ascii=False) + "\n" for o in orders)
        all_lines.extend(lines)
        all_payments.extend(payments)
    all_payments.extend(dict(p) for p in shop.rng.sample(all_payments, 15))  # re-exported
    shop.rng.shuffle(all_payments)
    write_csv(out / "order_items.csv", all_lines)
    write_csv(out / "payments.csv", all_payments)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--months", type=int, default=N_MONTHS,
                        help="months of orders from Dec 2023; more months add new files")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    shop = make_shop(args.seed)
    gen_customers(shop)
    gen_products(shop)
    write_customers(shop, args.out)
    write_products(shop, args.out)
    write_orders(shop, args.seed, args.months, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
