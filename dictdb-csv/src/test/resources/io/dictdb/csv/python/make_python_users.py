import sys
sys.path.insert(0, "src")
from dictdb import DictDB
db = DictDB()
db.create_table("users")
u = db.get_table("users")
u.insert({"name": "Alice", "age": 30, "active": True, "score": 9.5, "tags": ["a", "b"], "manager": None})
u.insert({"name": "Smith, Bob", "age": 25, "active": False, "score": 1e-05, "tags": [], "manager": "Alice"})
u.insert({"name": 'Carol "CJ"', "age": 41, "active": True, "score": float("inf"), "tags": ["x"], "manager": None})
u.insert({"name": "Dan\nSecond line", "age": 12345678901234567890123, "active": False, "score": 100.0,
          "tags": {"k": 1, "j": [2, 3]}, "manager": ""})
u.insert({"name": "H\u00e9lo\u00efse \U0001F600", "age": -7, "active": True, "score": float("nan"), "tags": None, "manager": "Dan"})
print(u.export_csv("python_users.csv"))
