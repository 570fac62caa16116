import sys
sys.path.insert(0, "src")
from dictdb import DictDB
db = DictDB()
db.create_table("products", primary_key="sku")
p = db.get_table("products")
p.insert({"sku": "A-1", "name": "Widget", "price": 19.99, "stock": 12, "discontinued": False})
p.insert({"sku": "B-2", "name": "Gadget; deluxe", "price": 5.0, "stock": 0, "discontinued": True})
p.insert({"sku": "C-3", "name": "Gizmo", "price": 7.25, "stock": None, "discontinued": False})
print(p.export_csv("python_products.csv"))
