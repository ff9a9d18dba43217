;; Dot products of one row with a list of rows of the same row-major f64 array, in
;; WebAssembly: the kernel rows of SVC training (one sample against the samples of a
;; binary problem, which lie anywhere in the training set) and the kernel between a
;; query and the support vectors at prediction.
;;
;;   out[k] = Σ_c row[c] · x[at[k] + c]      for k < n
;;
;; `row` and every `at[k]` are byte offsets of rows of `stride` bytes (a multiple of 16);
;; `at` is a byte offset of n i32 values; n is a multiple of 4.
;;
;; Two ways:
;; - dotRows: dense, four rows at a time, two coordinates per instruction; each sum
;;   runs in two lanes added at the end.
;; - compact + sparseDots: for rows with many zeros (MNIST's pixels are 80% zeros).
;;   `compact` lists the row's nonzero coordinates once; `sparseDots` then reads only
;;   those coordinates of the other rows, four rows at a time (two per f64x2). Each
;;   sum adds its products one by one in coordinate order, so it equals a plain
;;   sequential loop over all coordinates bit for bit (the skipped terms are zeros).
(module
  (memory (export "memory") 1)
  (func (export "dotRows")
    (param $row i32) (param $at i32) (param $n i32) (param $stride i32) (param $out i32)
    (local $k i32) (local $c i32) (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $x v128) (local $o i32)
    (block $kDone
      (loop $kLoop
        (br_if $kDone (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $o (i32.add (local.get $at) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $r0 (i32.load offset=0 (local.get $o)))
        (local.set $r1 (i32.load offset=4 (local.get $o)))
        (local.set $r2 (i32.load offset=8 (local.get $o)))
        (local.set $r3 (i32.load offset=12 (local.get $o)))
        (local.set $s0 (v128.const i64x2 0 0))
        (local.set $s1 (v128.const i64x2 0 0))
        (local.set $s2 (v128.const i64x2 0 0))
        (local.set $s3 (v128.const i64x2 0 0))
        (local.set $c (i32.const 0))
        (block $cDone
          (loop $cLoop
            (br_if $cDone (i32.ge_u (local.get $c) (local.get $stride)))
            (local.set $x (v128.load (i32.add (local.get $row) (local.get $c))))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $r0) (local.get $c))))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $r1) (local.get $c))))))
            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $r2) (local.get $c))))))
            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $r3) (local.get $c))))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $cLoop)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))))
        (f64.store offset=0 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
        (f64.store offset=8 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s1)) (f64x2.extract_lane 1 (local.get $s1))))
        (f64.store offset=16 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s2)) (f64x2.extract_lane 1 (local.get $s2))))
        (f64.store offset=24 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $s3)) (f64x2.extract_lane 1 (local.get $s3))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $kLoop))))

  ;; Writes the nonzero coordinates of the `d` values at byte offset `row`: their byte
  ;; offsets within a row to `idx` (i32) and their values to `val` (f64); returns how many.
  (func (export "compact") (param $row i32) (param $d i32) (param $idx i32) (param $val i32) (result i32)
    (local $c i32) (local $nnz i32) (local $v f64)
    (block $done
      (loop $scan
        (br_if $done (i32.ge_u (local.get $c) (local.get $d)))
        (local.set $v (f64.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 3)))))
        (if (f64.ne (local.get $v) (f64.const 0))
          (then
            (i32.store (i32.add (local.get $idx) (i32.shl (local.get $nnz) (i32.const 2))) (i32.shl (local.get $c) (i32.const 3)))
            (f64.store (i32.add (local.get $val) (i32.shl (local.get $nnz) (i32.const 3))) (local.get $v))
            (local.set $nnz (i32.add (local.get $nnz) (i32.const 1)))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $scan)))
    (local.get $nnz))

  ;; out[k] = Σ_j val[j] · x[at[k] + idx[j]] for k < n (n a multiple of 4), summed in order of j.
  (func (export "sparseDots")
    (param $nnz i32) (param $idx i32) (param $val i32) (param $at i32) (param $n i32) (param $out i32)
    (local $k i32) (local $j i32) (local $o i32) (local $off i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $s01 v128) (local $s23 v128) (local $v v128) (local $x01 v128) (local $x23 v128)
    (block $kDone
      (loop $kLoop
        (br_if $kDone (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $o (i32.add (local.get $at) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $r0 (i32.load offset=0 (local.get $o)))
        (local.set $r1 (i32.load offset=4 (local.get $o)))
        (local.set $r2 (i32.load offset=8 (local.get $o)))
        (local.set $r3 (i32.load offset=12 (local.get $o)))
        (local.set $s01 (v128.const i64x2 0 0))
        (local.set $s23 (v128.const i64x2 0 0))
        (local.set $j (i32.const 0))
        (block $jDone
          (loop $jLoop
            (br_if $jDone (i32.ge_u (local.get $j) (local.get $nnz)))
            (local.set $off (i32.load (i32.add (local.get $idx) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $v (v128.load64_splat (i32.add (local.get $val) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $x01 (v128.load64_zero (i32.add (local.get $r0) (local.get $off))))
            (local.set $x01 (v128.load64_lane 1 (i32.add (local.get $r1) (local.get $off)) (local.get $x01)))
            (local.set $x23 (v128.load64_zero (i32.add (local.get $r2) (local.get $off))))
            (local.set $x23 (v128.load64_lane 1 (i32.add (local.get $r3) (local.get $off)) (local.get $x23)))
            (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $v) (local.get $x01))))
            (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (local.get $v) (local.get $x23))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $jLoop)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))))
        (v128.store offset=0 (local.get $o) (local.get $s01))
        (v128.store offset=16 (local.get $o) (local.get $s23))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $kLoop))))
)
