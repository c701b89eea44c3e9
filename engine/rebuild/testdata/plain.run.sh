docker run --detach --name=web localhost:5000/web:1
